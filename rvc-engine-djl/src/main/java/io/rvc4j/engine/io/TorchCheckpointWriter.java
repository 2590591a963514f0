package io.rvc4j.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a checkpoint in the format of {@code torch.save} (zip, pickle protocol 2, one stored entry per storage), so
 * that {@code torch.load(weights_only=True)} and our reader both accept it. Values may be maps (written as plain
 * dicts, in iteration order), lists, strings, longs/ints, doubles, booleans, null and {@link TensorData}. Used to make
 * the demo voice and full-size random models for benchmarks; never to rewrite a user's file.
 */
public final class TorchCheckpointWriter {
    private static final String ARCHIVE = "archive";

    private final ByteArrayOutputStream pickle = new ByteArrayOutputStream();
    private final List<TensorData> storages = new ArrayList<>();

    private TorchCheckpointWriter() {
    }

    /** Writes {@code root} to {@code file} as torch.save would. */
    public static void write(Path file, Object root) throws IOException {
        TorchCheckpointWriter w = new TorchCheckpointWriter();
        w.pickle.write(new byte[] {(byte) 0x80, 2}); // PROTO 2
        w.value(root);
        w.pickle.write('.'); // STOP
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, ARCHIVE + "/data.pkl", w.pickle.toByteArray());
            stored(zip, ARCHIVE + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < w.storages.size(); i++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                var buf = w.storages.get(i).bytes();
                byte[] raw = new byte[buf.remaining()];
                buf.get(raw);
                bytes.write(raw);
                stored(zip, ARCHIVE + "/data/" + i, bytes.toByteArray());
            }
            stored(zip, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            pickle.write('N');
        } else if (v instanceof Boolean b) {
            pickle.write(b ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
        } else if (v instanceof Integer || v instanceof Long) {
            integer(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            pickle.write('G'); // BINFLOAT, big-endian
            long bits = Double.doubleToLongBits(((Number) v).doubleValue());
            for (int s = 56; s >= 0; s -= 8) {
                pickle.write((int) (bits >>> s) & 0xff);
            }
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof TensorData t) {
            tensor(t);
        } else if (v instanceof Map<?, ?> map) {
            pickle.write('}'); // EMPTY_DICT
            if (!map.isEmpty()) {
                pickle.write('('); // MARK
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    value(e.getKey());
                    value(e.getValue());
                }
                pickle.write('u'); // SETITEMS
            }
        } else if (v instanceof List<?> list) {
            pickle.write(']'); // EMPTY_LIST
            if (!list.isEmpty()) {
                pickle.write('(');
                for (Object item : list) {
                    value(item);
                }
                pickle.write('e'); // APPENDS
            }
        } else {
            throw new IllegalArgumentException("cannot pickle " + v.getClass().getName());
        }
    }

    private void integer(long x) throws IOException {
        if (x >= 0 && x < 256) {
            pickle.write('K'); // BININT1
            pickle.write((int) x);
        } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
            pickle.write('J'); // BININT, little-endian
            le32((int) x);
        } else {
            pickle.write(0x8a); // LONG1
            pickle.write(8);
            for (int s = 0; s < 64; s += 8) {
                pickle.write((int) (x >>> s) & 0xff);
            }
        }
    }

    private void string(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        pickle.write('X'); // BINUNICODE
        le32(utf8.length);
        pickle.write(utf8);
    }

    private void global(String module, String name) throws IOException {
        pickle.write('c');
        pickle.write((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void tuple(List<?> items) throws IOException {
        pickle.write('(');
        for (Object item : items) {
            value(item);
        }
        pickle.write('t'); // TUPLE
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}. */
    private void tensor(TensorData t) throws IOException {
        int key = storages.size();
        storages.add(t);
        long[] shape = t.shape();
        List<Long> size = new ArrayList<>();
        List<Long> stride = new ArrayList<>();
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride.add(0, step);
            step *= shape[i];
        }
        for (long d : shape) {
            size.add(d);
        }
        global("torch._utils", "_rebuild_tensor_v2");
        pickle.write('(');
        // persistent id: ('storage', torch.<Type>Storage, key, 'cpu', numel)
        pickle.write('(');
        string("storage");
        global("torch", storageClass(t.dtype()));
        string(Integer.toString(key));
        string("cpu");
        integer(t.numel());
        pickle.write('t');
        pickle.write('Q'); // BINPERSID
        integer(0);
        tuple(size);
        tuple(stride);
        pickle.write(0x89); // requires_grad False
        global("collections", "OrderedDict");
        pickle.write(')'); // EMPTY_TUPLE
        pickle.write('R'); // REDUCE -> OrderedDict()
        pickle.write('t');
        pickle.write('R'); // REDUCE -> tensor
    }

    private static String storageClass(TensorData.DType dtype) {
        return switch (dtype) {
            case F16 -> "HalfStorage";
            case BF16 -> "BFloat16Storage";
            case F32 -> "FloatStorage";
            case F64 -> "DoubleStorage";
            case I8 -> "CharStorage";
            case U8 -> "ByteStorage";
            case I16 -> "ShortStorage";
            case I32 -> "IntStorage";
            case I64 -> "LongStorage";
            case BOOL -> "BoolStorage";
        };
    }

    private void le32(int x) {
        for (int s = 0; s < 32; s += 8) {
            pickle.write((x >>> s) & 0xff);
        }
    }
}
