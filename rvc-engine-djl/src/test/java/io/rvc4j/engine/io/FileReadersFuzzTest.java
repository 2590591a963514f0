package io.rvc4j.engine.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rvc4j.core.error.InvalidModelFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fuzz targets for every reader. The contract: any input either parses or fails with
 * {@link InvalidModelFileException} (including its subtype UnsafeModelFileException); any other throwable, a hang or
 * an out-of-memory is a finding. In a normal {@code mvn test} these run in regression mode over the seed inputs under
 * {@code FileReadersFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes them (see docs/model-formats.md).
 */
class FileReadersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void torch_checkpoint_bytes(byte[] data) {
        try {
            TorchCheckpoint.read(data);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    /** A fuzzed data.pkl inside a well-formed torch zip with one storage, so tensor rebuilding is reached. */
    @FuzzTest(maxDuration = "60s")
    void pickle_in_torch_zip(FuzzedDataProvider in) {
        byte[] storage = in.consumeBytes(in.consumeInt(0, 256));
        byte[] pickle = in.consumeRemainingAsBytes();
        try {
            TorchCheckpoint.read(torchZip(pickle, storage));
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    /** RVC metadata on top of a parsed checkpoint: odd config types, shapes and flags must be refused cleanly. */
    @FuzzTest(maxDuration = "60s")
    void rvc_model_file(byte[] data) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(data);
            RvcModelFile.of(Path.of("fuzz.pth"), ByteSource.of(buf, "fuzz.pth").sha256(),
                    TorchCheckpoint.read(buf, "fuzz.pth"));
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    /** fairseq HuBERT config lookup through stubs, and the shape reconciliation. */
    @FuzzTest(maxDuration = "60s")
    void fairseq_hubert(byte[] data) {
        try {
            HubertModelFile.fromFairseq(Path.of("fuzz.pt"), TorchCheckpoint.read(ByteBuffer.wrap(data), "fuzz.pt"));
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    @FuzzTest(maxDuration = "60s")
    void safetensors(byte[] data) {
        try {
            Safetensors.read(data);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    @FuzzTest(maxDuration = "60s")
    void npy(byte[] data) {
        try {
            Npy.read(data);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    @FuzzTest(maxDuration = "60s")
    void faiss_index(byte[] data) {
        try {
            FaissReader.read(data).reconstructAll();
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    static byte[] torchZip(byte[] pickle, byte[] storage) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "archive/data.pkl", pickle);
            stored(zip, "archive/data/0", storage);
            stored(zip, "archive/byteorder", "little".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }
}
