package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads files written by {@code torch.save} (the zip format of torch 1.6+, and the older "legacy" pickle stream)
 * without running any of their code. The result is a plain Java graph:
 * dict and OrderedDict become {@code LinkedHashMap<Object,Object>}, list {@code ArrayList<Object>}, tuple an
 * unmodifiable {@code List}, str {@code String}, int {@code Long} (or {@code BigInteger}), float {@code Double}, bool
 * {@code Boolean}, None {@code null}, bytes {@code byte[]}, tensors {@link TensorData} (strided views copied to
 * contiguous), and allow-listed configuration classes {@link PickleStub}. Any other global is refused with
 * {@link io.rvc4j.core.error.UnsafeModelFileException} before anything else happens.
 */
public final class TorchCheckpoint {

    /** Strided copies may allocate at most this many bytes beyond twice the file size (tied weights, transposes). */
    private static final long COPY_SLACK = 16L << 20;
    /** The largest data.pkl we accept; real RVC and fairseq pickles are well under a megabyte. */
    private static final long MAX_PICKLE_BYTES = 256L << 20;

    private TorchCheckpoint() {
    }

    /** Reads a checkpoint file. */
    public static Object read(Path file) {
        return read(ByteSource.open(file));
    }

    /** Reads a checkpoint held in memory. */
    public static Object read(byte[] content) {
        return read(ByteBuffer.wrap(content), "<in-memory checkpoint>");
    }

    /**
     * Reads a checkpoint and returns the state dict found by following {@code keyPath} from the top-level dict
     * (none: the top level itself). Every value of that dict must be a tensor; e.g. {@code readStateDict(p, "weight")}
     * for RVC inference files, {@code readStateDict(p, "model")} for fairseq and RVC training checkpoints.
     */
    public static Map<String, TensorData> readStateDict(Path file, String... keyPath) {
        return stateDict(read(file), file.toString(), keyPath);
    }

    /** Follows {@code keyPath} through nested dicts and returns the tensor map found there. */
    public static Map<String, TensorData> stateDict(Object root, String source, String... keyPath) {
        Object node = root;
        StringBuilder path = new StringBuilder();
        for (String key : keyPath) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new InvalidModelFileException(source + ": no dict entry '" + key + "' at top level" + path);
            }
            node = m.get(key);
            path.append('/').append(key);
        }
        if (!(node instanceof Map<?, ?> m)) {
            throw new InvalidModelFileException(source + ": " + (path.length() == 0 ? "top level" : path)
                    + " is not a state dict");
        }
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() instanceof String k && e.getValue() instanceof TensorData t) {
                out.put(k, t);
            } else {
                throw new InvalidModelFileException(source + ": state dict" + path + " holds a "
                        + PickleMachine.typeName(e.getValue()) + " under key '" + PickleText.clip(String.valueOf(
                                e.getKey())) + "', not a tensor");
            }
        }
        return out;
    }

    /** Runs a bare pickle (no archive, no storages) through the restricted machine; for tests and fuzzing. */
    static Object readPickle(byte[] pickle, String source) {
        return new PickleMachine(ByteBuffer.wrap(pickle), source, new PickleCalls(null, null)).load();
    }

    static Object read(ByteBuffer data, String source) {
        return read(ByteSource.of(data, source));
    }

    /** Reads a checkpoint; a zip's storages stay where they are until a tensor's bytes are asked for. */
    static Object read(ByteSource src) {
        String source = src.label();
        if (src.size() == 0) {
            throw new InvalidModelFileException(source + ": empty file");
        }
        long budget = 2L * src.size() + COPY_SLACK;
        ByteBuffer head = src.read(0, Math.min(4, src.size()));
        if (ZipRecords.looksLikeZip(head)) {
            return readZip(new ZipRecords(src), source, budget);
        }
        if (TorchLegacy.looksLegacy(head)) {
            return TorchLegacy.read(src.readAll(), source, budget);
        }
        throw new InvalidModelFileException(source + ": not a PyTorch checkpoint (neither a zip archive nor the legacy "
                + "pickle format)");
    }

    private static Object readZip(ZipRecords zip, String source, long budget) {
        String prefix = null;
        for (String name : zip.names()) {
            if (name.endsWith("data.pkl") && (name.equals("data.pkl") || name.endsWith("/data.pkl"))
                    && (prefix == null || name.length() - 8 < prefix.length())) {
                prefix = name.substring(0, name.length() - "data.pkl".length());
            }
        }
        if (prefix == null) {
            throw new InvalidModelFileException(source + ": zip archive without a data.pkl record (not a torch.save file)");
        }
        if (zip.contains(prefix + "byteorder")) {
            ByteBuffer order = zip.read(prefix + "byteorder", 16);
            String text = StandardCharsets.US_ASCII.decode(order).toString().trim();
            if (!text.equals("little")) {
                throw new InvalidModelFileException(source + ": byte order '" + PickleText.clip(text)
                        + "' is not supported (only little-endian checkpoints)");
            }
        }
        ByteBuffer pickle = zip.read(prefix + "data.pkl", MAX_PICKLE_BYTES);
        PickleCalls calls = new PickleCalls(new ZipStorages(zip, prefix, source), new TensorRebuild(budget));
        return new PickleMachine(pickle, source, calls).load();
    }

    /** Storages in {@code <prefix>data/<key>} records; persistent ids are ('storage', type, key, location, numel). */
    private static final class ZipStorages implements StorageSource {
        private final ZipRecords zip;
        private final String prefix;
        private final String source;
        private final Map<String, StorageSource.Window> cache = new HashMap<>();

        ZipStorages(ZipRecords zip, String prefix, String source) {
            this.zip = zip;
            this.prefix = prefix;
            this.source = source;
        }

        @Override
        public StorageRef resolve(Object pid) {
            return StorageIds.parse(pid, source, false);
        }

        @Override
        public StorageSource.Window bytes(StorageRef ref) {
            StorageSource.Window all = cache.computeIfAbsent(ref.key(),
                    k -> zip.window(prefix + "data/" + k, ByteSource.MAX_FILE_BYTES));
            return StorageIds.window(all.source(), all.offset(), all.length(), ref, source);
        }
    }

    /** Shared parsing of persistent ids and storage windows (zip and legacy formats). */
    static final class StorageIds {
        private StorageIds() {
        }

        static StorageRef parse(Object pid, String source, boolean legacy) {
            if (!(pid instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
                    || !(t.get(1) instanceof PickleGlobal type) || type.kind() != PickleGlobal.Kind.STORAGE_TYPE
                    || !(t.get(2) instanceof String key) || !(t.get(4) instanceof Long numel) || numel < 0) {
                throw new InvalidModelFileException(source + ": malformed storage reference in the pickle");
            }
            if (type.storageType() == null) {
                throw new InvalidModelFileException(source + ": storage type " + type.qualifiedName()
                        + " is not supported");
            }
            if (legacy && t.size() > 5 && t.get(5) instanceof List<?> view) {
                // (view_key, offset, view_size) in elements of the root storage.
                if (view.size() != 3 || !(view.get(1) instanceof Long off) || !(view.get(2) instanceof Long n)
                        || numel > Integer.MAX_VALUE || off < 0 || n < 0 || off > numel || n > numel - off) {
                    throw new InvalidModelFileException(source + ": malformed storage view in the pickle");
                }
                return new StorageRef(key, type.storageType(), n, off * type.storageType().bytes());
            }
            return new StorageRef(key, type.storageType(), numel, 0);
        }

        /** The part of a record ({@code length} bytes from {@code start} of {@code in}) that {@code ref} views. */
        static StorageSource.Window window(ByteSource in, long start, long length, StorageRef ref, String source) {
            // numel <= 2^31 keeps need below 2^34; the offset is compared by subtraction so neither can overflow.
            long need = ref.numel() > Integer.MAX_VALUE ? Long.MAX_VALUE : ref.numel() * ref.dtype().bytes();
            if (need > length || ref.byteOffset() < 0 || ref.byteOffset() > length - need) {
                throw new InvalidModelFileException(source + ": storage '" + PickleText.clip(ref.key()) + "' holds "
                        + length + " bytes but the pickle declares " + ref.numel() + " elements of "
                        + ref.dtype() + " (truncated or corrupt)");
            }
            return new StorageSource.Window(in, start + ref.byteOffset(), need);
        }
    }
}
