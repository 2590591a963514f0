package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.ModelNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints and safetensors read from disk keep their tensors in the file until the bytes are asked for. */
class FileBackedTensorsTest {

    @TempDir
    Path dir;

    @Test
    void a_checkpoint_read_from_disk_gives_the_same_bytes_as_one_read_into_memory() throws IOException {
        Path file = Fixtures.file("rvc_v2_40k.pth");
        Map<String, TensorData> onDisk = TorchCheckpoint.readStateDict(file, "weight");
        Map<String, TensorData> inMemory = TorchCheckpoint.stateDict(
                TorchCheckpoint.read(Files.readAllBytes(file)), "memory", "weight");
        assertThat(onDisk.keySet()).containsExactlyElementsOf(inMemory.keySet()).hasSizeGreaterThan(20);
        for (Map.Entry<String, TensorData> e : onDisk.entrySet()) {
            TensorData t = e.getValue();
            assertThat(t.bytes()).as(e.getKey()).isEqualTo(inMemory.get(e.getKey()).bytes());
            assertThat(inMemory.get(e.getKey()).bytes().isReadOnly()).as("in-memory bytes are read-only").isTrue();
            ByteBuffer direct = ByteBuffer.allocateDirect((int) t.byteCount());
            t.copyTo(direct);
            assertThat(direct.flip()).as(e.getKey() + " copied into a direct buffer").isEqualTo(t.bytes());
        }
    }

    @Test
    void a_safetensors_file_read_from_disk_gives_the_same_bytes_as_one_read_into_memory() throws IOException {
        Path file = Fixtures.file("hf_hubert_tiny_safetensors").resolve("model.safetensors");
        Map<String, TensorData> onDisk = Safetensors.read(file).tensors();
        Map<String, TensorData> inMemory = Safetensors.read(Files.readAllBytes(file)).tensors();
        assertThat(onDisk.keySet()).containsExactlyElementsOf(inMemory.keySet()).hasSizeGreaterThan(20);
        for (Map.Entry<String, TensorData> e : onDisk.entrySet()) {
            assertThat(e.getValue().toFloatArray()).as(e.getKey())
                    .containsExactly(inMemory.get(e.getKey()).toFloatArray());
        }
    }

    @Test
    void a_file_rewritten_after_parsing_is_refused_when_its_tensors_are_read() throws IOException {
        Path file = Files.copy(Fixtures.file("rvc_v2_40k.pth"), dir.resolve("voice.pth"));
        TensorData emb = TorchCheckpoint.readStateDict(file, "weight").get("emb_g.weight");
        float[] before = emb.toFloatArray();
        assertThat(before).hasSize(3 * 256);

        Files.write(file, new byte[16], StandardOpenOption.APPEND);
        assertThatThrownBy(emb::bytes).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("voice.pth").hasMessageContaining("changed while it was loaded");

        // same size, new modification time: a replaced file is refused too
        Files.copy(Fixtures.file("rvc_v2_40k.pth"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TensorData again = TorchCheckpoint.readStateDict(file, "weight").get("emb_g.weight");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertThatThrownBy(again::toFloatArray).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("changed while it was loaded");

        TensorData third = TorchCheckpoint.readStateDict(file, "weight").get("emb_g.weight");
        Files.delete(file);
        assertThatThrownBy(() -> third.copyTo(ByteBuffer.allocate((int) third.byteCount())))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("removed while it was loaded");
    }

    @Test
    void a_checkpoint_with_zip64_end_records_reads_the_same_from_disk_and_from_memory() throws IOException {
        byte[] plain = Files.readAllBytes(Fixtures.file("rvc_v2_40k.pth"));
        byte[] z64 = withZip64EndRecords(plain);
        Path file = Files.write(dir.resolve("zip64.pth"), z64);
        Map<String, TensorData> expected = TorchCheckpoint.stateDict(TorchCheckpoint.read(plain), "plain", "weight");
        for (Map<String, TensorData> got : java.util.List.of(TorchCheckpoint.readStateDict(file, "weight"),
                TorchCheckpoint.stateDict(TorchCheckpoint.read(z64), "zip64", "weight"))) {
            assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
            for (String name : expected.keySet()) {
                assertThat(got.get(name).bytes()).as(name).isEqualTo(expected.get(name).bytes());
            }
        }
    }

    /** The same archive with its end record in zip64 form: a zip64 end record, its locator, placeholder counts. */
    private static byte[] withZip64EndRecords(byte[] zip) {
        ByteBuffer in = ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        assertThat(in.getInt(eocd)).as("fixture ends with a comment-less end record").isEqualTo(0x06054b50);
        long count = in.getShort(eocd + 10) & 0xffff;
        long cdSize = in.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = in.getInt(eocd + 16) & 0xffffffffL;
        ByteBuffer out = ByteBuffer.allocate(eocd + 56 + 20 + 22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(zip, 0, eocd);
        out.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(count).putLong(count).putLong(cdSize).putLong(cdOffset);
        out.putInt(0x07064b50).putInt(0).putLong(eocd).putInt(1);
        out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1)
                .putInt(-1).putInt(-1).putShort((short) 0);
        return out.array();
    }

    @Test
    void a_truncated_checkpoint_is_refused_at_parse_time_not_later() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("rvc_v2_40k.pth"));
        for (int keep : new int[] {whole.length - 1, whole.length / 2, 30, 3}) {
            Path cut = Files.write(dir.resolve("cut" + keep + ".pth"), java.util.Arrays.copyOf(whole, keep));
            assertThatThrownBy(() -> TorchCheckpoint.readStateDict(cut, "weight")).as("kept " + keep)
                    .isInstanceOf(InvalidModelFileException.class).hasMessageContaining(cut.toString());
        }
    }
}
