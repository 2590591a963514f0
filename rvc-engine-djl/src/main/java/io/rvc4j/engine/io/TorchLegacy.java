package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-1.6 torch.save stream: five pickles in a row (magic number, protocol 1001, sys info, the object, the sorted
 * storage keys), then each storage as an int64 element count followed by its raw little-endian bytes.
 */
final class TorchLegacy {

    /** torch.serialization.MAGIC_NUMBER. */
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private TorchLegacy() {
    }

    /** A protocol-2 pickle whose first value is the LONG1-encoded magic number. */
    static boolean looksLegacy(ByteBuffer buf) {
        return buf.remaining() >= 3 && (buf.get(buf.position()) & 0xff) == 0x80 && buf.get(buf.position() + 2) == (byte) 0x8a;
    }

    static Object read(ByteBuffer buf, String source, long budget) {
        ByteBuffer cursor = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Object magic = next(cursor, source, null, null);
        if (!(magic instanceof BigInteger m && m.equals(MAGIC))) {
            throw new InvalidModelFileException(source + ": not a PyTorch checkpoint (bad legacy magic number)");
        }
        Object proto = next(cursor, source, null, null);
        if (!Long.valueOf(PROTOCOL_VERSION).equals(proto)) {
            throw new InvalidModelFileException(source + ": unsupported legacy torch protocol " + proto);
        }
        Object sysInfo = next(cursor, source, null, null);
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw new InvalidModelFileException(source + ": big-endian legacy checkpoints are not supported");
        }
        int objectStart = cursor.position();
        LegacyStorages storages = new LegacyStorages(source);
        next(cursor, source, storages, null); // dry run: find where the object pickle ends
        Object keys = next(cursor, source, null, null);
        if (!(keys instanceof List<?> keyList)) {
            throw new InvalidModelFileException(source + ": legacy checkpoint without a storage key list");
        }
        for (Object key : keyList) {
            StorageRef root = storages.roots.get(key);
            if (root == null) {
                throw new InvalidModelFileException(source + ": legacy storage key list names an unknown storage");
            }
            if (cursor.remaining() < 8) {
                throw new InvalidModelFileException(source + ": truncated legacy storage data");
            }
            long numel = cursor.getLong();
            if (numel != root.numel() || numel < 0 || numel > cursor.remaining() / root.dtype().bytes()) {
                throw new InvalidModelFileException(source + ": legacy storage '" + PickleText.clip((String) key)
                        + "' declares " + numel + " elements where " + root.numel() + " were expected, or is truncated");
            }
            long bytes = numel * root.dtype().bytes(); // fits: numel is at most remaining / bytes
            storages.blobs.put((String) key, cursor.slice().limit((int) bytes).order(ByteOrder.LITTLE_ENDIAN));
            cursor.position(cursor.position() + (int) bytes);
        }
        ByteBuffer again = buf.duplicate().position(objectStart);
        return next(again, source, storages, new TensorRebuild(budget));
    }

    private static Object next(ByteBuffer cursor, String source, StorageSource storages, TensorRebuild tensors) {
        PickleMachine m = new PickleMachine(cursor, source, new PickleCalls(storages, tensors));
        Object v = m.load();
        cursor.position(cursor.position() + m.position());
        return v;
    }

    /** Roots are recorded during the dry run; blobs are filled once the storage section has been walked. */
    private static final class LegacyStorages implements StorageSource {
        private final String source;
        private final Map<Object, StorageRef> roots = new HashMap<>();
        private final Map<String, ByteBuffer> blobs = new HashMap<>();

        LegacyStorages(String source) {
            this.source = source;
        }

        @Override
        public StorageRef resolve(Object pid) {
            StorageRef ref = TorchCheckpoint.StorageIds.parse(pid, source, true);
            if (pid instanceof List<?> t) {
                StorageRef root = new StorageRef(ref.key(), ref.dtype(), (Long) t.get(4), 0);
                StorageRef prior = roots.putIfAbsent(ref.key(), root);
                if (prior != null && !prior.equals(root)) {
                    throw new InvalidModelFileException(source + ": storage '" + PickleText.clip(ref.key())
                            + "' is declared twice with different types or sizes");
                }
            }
            return ref;
        }

        @Override
        public Window bytes(StorageRef ref) {
            ByteBuffer blob = blobs.get(ref.key());
            if (blob == null) {
                throw new InvalidModelFileException(source + ": storage '" + PickleText.clip(ref.key())
                        + "' has no data in the legacy file");
            }
            return TorchCheckpoint.StorageIds.window(ByteSource.of(blob, source), 0, blob.remaining(), ref, source);
        }
    }
}
