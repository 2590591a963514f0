package io.rvc4j.engine.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rvc4j.core.error.InvalidModelFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    @FuzzTest(maxDuration = "120s")
    void torch_checkpoint_bytes(byte[] data) {
        try {
            TorchCheckpoint.read(data);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    /** A fuzzed data.pkl inside a well-formed torch zip with one storage, so tensor rebuilding is reached. */
    @FuzzTest(maxDuration = "120s")
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
    @FuzzTest(maxDuration = "120s")
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
    @FuzzTest(maxDuration = "120s")
    void fairseq_hubert(byte[] data) {
        try {
            HubertModelFile.fromFairseq(Path.of("fuzz.pt"), TorchCheckpoint.read(ByteBuffer.wrap(data), "fuzz.pt"));
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    @FuzzTest(maxDuration = "120s")
    void safetensors(byte[] data) {
        try {
            Safetensors.read(data);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    @FuzzTest(maxDuration = "120s")
    void npy(byte[] data) {
        try {
            Npy.read(data);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    @FuzzTest(maxDuration = "120s")
    void faiss_index(byte[] data) {
        try {
            FaissReader.read(data).reconstructAll();
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    /**
     * A Transformers HuBERT folder written to disk: byte 0 picks {@code model.safetensors} (even) or
     * {@code pytorch_model.bin} (odd), bytes 1-2 (big-endian) give the length of {@code config.json}, which follows; the
     * rest is the weights file. Exercises the JSON config, both weight readers from a path, renaming and reconciliation.
     */
    @FuzzTest(maxDuration = "120s")
    void transformers_hubert_folder(byte[] data) throws IOException {
        if (data.length < 3) {
            return;
        }
        int configLength = Math.min(((data[1] & 0xff) << 8) | (data[2] & 0xff), data.length - 3);
        Path dir = scratch().resolve("hf");
        Files.createDirectories(dir);
        for (String f : new String[] {"config.json", "model.safetensors", "pytorch_model.bin"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.write(dir.resolve("config.json"), Arrays.copyOfRange(data, 3, 3 + configLength));
        Files.write(dir.resolve((data[0] & 1) == 0 ? "model.safetensors" : "pytorch_model.bin"),
                Arrays.copyOfRange(data, 3 + configLength, data.length));
        try {
            HubertModelFile.read(dir).weights().values().forEach(TensorData::bytes);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    /**
     * The readers' on-disk path (ByteSource windows, positioned reads, file-backed tensors): the input is written to a
     * file and read as a torch checkpoint, a safetensors file and a FAISS index, each tensor's bytes read back.
     */
    @FuzzTest(maxDuration = "120s")
    void readers_from_a_file(byte[] data) throws IOException {
        Path file = scratch().resolve("model.bin");
        Files.write(file, data);
        try {
            readEveryTensor(TorchCheckpoint.read(file));
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
        try {
            Safetensors.read(file).tensors().values().forEach(TensorData::bytes);
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
        try {
            FaissReader.read(file).reconstructAll();
        } catch (InvalidModelFileException expected) {
            // refusing is the right answer for garbage
        }
    }

    /** Reads the bytes of every tensor reachable from an unpickled object (the graph may share or cycle). */
    private static void readEveryTensor(Object root) {
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof TensorData t) {
                t.bytes();
            } else if (o instanceof java.util.Map<?, ?> m) {
                m.values().forEach(v -> push(todo, v));
            } else if (o instanceof java.util.List<?> l) {
                l.forEach(v -> push(todo, v));
            }
        }
    }

    private static void push(java.util.ArrayDeque<Object> todo, Object v) {
        if (v != null) {
            todo.push(v);
        }
    }

    /** One scratch directory per JVM (fuzzing runs one target per JVM), deleted at exit. */
    private static synchronized Path scratch() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("rvc4j-fuzz");
            // deleteOnExit runs in reverse order of registration: the files first, then the folders
            scratch.toFile().deleteOnExit();
            scratch.resolve("hf").toFile().deleteOnExit();
            for (String f : new String[] {"hf/config.json", "hf/model.safetensors", "hf/pytorch_model.bin",
                "model.bin"}) {
                scratch.resolve(f).toFile().deleteOnExit();
            }
        }
        return scratch;
    }

    private static Path scratch;

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
