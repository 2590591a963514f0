package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged files must fail fast with InvalidModelFileException: no hang (each test has a timeout far above its normal
 * run time of well under ten seconds), no OOM, no other exception type.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CorruptFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rvc_v2_40k.pth", "views_legacy.pth", "fairseq_hubert_tiny.pt"})
    void rejects_every_truncation_of_a_checkpoint(String file) throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.file(file));
        int step = Math.max(1, full.length / 300);
        for (int cut = 0; cut < full.length; cut += step) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> TorchCheckpoint.read(part)).as("cut at " + cut)
                    .isInstanceOf(InvalidModelFileException.class);
        }
    }

    @Test
    void rejects_every_truncation_of_a_safetensors_file_in_memory_and_on_disk() throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.file("hf_hubert_tiny_safetensors").resolve("model.safetensors"));
        int step = Math.max(1, full.length / 300);
        Path file = dir.resolve("cut.safetensors");
        for (int cut = 0; cut < full.length; cut += step) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> Safetensors.read(part)).as("cut at " + cut)
                    .isInstanceOf(InvalidModelFileException.class);
            Files.write(file, part);
            assertThatThrownBy(() -> Safetensors.read(file)).as("file cut at " + cut)
                    .isInstanceOf(InvalidModelFileException.class);
        }
        assertThat(Safetensors.read(full).tensors()).as("the uncut file reads").isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"npy_f4.npy", "npy_f4_v2.npy", "npy_f4_v3.npy", "npy_b1.npy", "npy_f8_scalar.npy"})
    void rejects_every_truncation_of_a_npy_file(String name) throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.file(name));
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> Npy.read(part)).as("cut at " + cut).isInstanceOf(InvalidModelFileException.class);
        }
        assertThat(Npy.read(full).numel()).as("the uncut file reads").isPositive();
    }

    @Test
    void bit_flips_either_parse_or_fail_cleanly() throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.file("views.pth"));
        Random rnd = new Random(42); // fixed seed: the test is reproducible
        int failures = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bad = full.clone();
            for (int k = 0; k < 3; k++) {
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            try {
                TorchCheckpoint.read(bad);
            } catch (InvalidModelFileException e) {
                failures++;
            }
        }
        // Most flips land in raw tensor bytes and still parse; the point is that nothing else was thrown.
        assertThat(failures).isBetween(1, 2000);
    }

    @Test
    void rejects_a_zero_length_file_and_garbage() {
        assertThatThrownBy(() -> TorchCheckpoint.read(new byte[0])).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TorchCheckpoint.read("hello".getBytes())).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("not a PyTorch checkpoint");
        assertThatThrownBy(() -> FaissReader.read(new byte[0])).isInstanceOf(InvalidModelFileException.class);
        assertThatThrownBy(() -> Safetensors.read(new byte[0])).isInstanceOf(InvalidModelFileException.class);
        assertThatThrownBy(() -> Npy.read(new byte[0])).isInstanceOf(InvalidModelFileException.class);
    }

    @Test
    void rejects_absurd_sizes_without_allocating_them() {
        // BINUNICODE claiming 4 GB, LONG4 claiming 2 GB, BINBYTES8 claiming 2^62 bytes.
        for (byte[] pickle : new byte[][] {
            {(byte) 0x80, 2, 'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            {(byte) 0x80, 2, (byte) 0x8b, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
            {(byte) 0x80, 4, (byte) 0x8e, 0, 0, 0, 0, 0, 0, 0, 0x40}}) {
            assertThatThrownBy(() -> TorchCheckpoint.readPickle(pickle, "absurd"))
                    .isInstanceOf(InvalidModelFileException.class);
        }
        ByteBuffer faiss = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        faiss.put("IxF2".getBytes()).putInt(8).putLong(1L << 40).putLong(0).putLong(0).put((byte) 1).putInt(1)
                .putLong(8L << 40);
        assertThatThrownBy(() -> FaissReader.read(faiss.array())).isInstanceOf(InvalidModelFileException.class);
        byte[] npy = "\u0093NUMPY\u0001\u0000\u0040\u0000{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999), }"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Npy.read(npy)).isInstanceOf(InvalidModelFileException.class);
    }

    /** The flat-index header whose float count overflowed: 4 × 2^62 wraps to 0, matching an empty code array. */
    static byte[] flatIndexWithOverflowingCount() {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 8 + 8 + 8 + 1 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put("IxF2".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4).putLong(1L << 62)
                .putLong(1 << 20).putLong(1 << 20).put((byte) 1).putInt(1).putLong(0);
        return b.array();
    }

    @Test
    void rejects_a_flat_index_whose_vector_count_overflows_the_float_count() {
        assertThatThrownBy(() -> FaissReader.read(flatIndexWithOverflowingCount()))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("4611686018427387904 vectors");
    }

    @Test
    void reads_deflated_records_but_refuses_a_zip_bomb() throws Exception {
        byte[] pickle = FuzzPickles.tensorOverStorage(2, 2);
        byte[] storage = new byte[8];
        java.nio.ByteBuffer.wrap(storage).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        TensorData t = (TensorData) TorchCheckpoint.read(deflatedZip(pickle, storage));
        assertThat(t.toFloatArray()).containsExactly(1.5f, -2f);
        // 32 MiB of zeros deflate to ~32 KiB: far beyond any real checkpoint's ratio.
        byte[] bomb = deflatedZip(pickle, new byte[32 << 20]);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> TorchCheckpoint.read(bomb)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("inflates beyond");
    }

    private static byte[] deflatedZip(byte[] pickle, byte[] storage) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.putNextEntry(new java.util.zip.ZipEntry("archive/data/0"));
            zip.write(storage);
        }
        return bytes.toByteArray();
    }

    @Test
    void rejects_a_tensor_view_reaching_past_its_storage() {
        // A pickle that rebuilds a 1000-element tensor over the 2-float storage of the zip built below.
        byte[] pickle = FuzzPickles.tensorOverStorage(1000, 2);
        byte[] zip = FileReadersFuzzTest.torchZip(pickle, new byte[8]);
        assertThatThrownBy(() -> TorchCheckpoint.read(zip)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("reaches element");
        byte[] ok = FileReadersFuzzTest.torchZip(FuzzPickles.tensorOverStorage(2, 2), new byte[8]);
        assertThat(((TensorData) TorchCheckpoint.read(ok)).shape()).containsExactly(2);
    }
}
