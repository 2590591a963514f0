package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files, format versions 1.0, 2.0 and 3.0: little-endian (or byte-sized) bool, int, uint8 and
 * float arrays in C order. Fortran order and big-endian data are refused with a clear message.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy itself refuses headers over 10000 bytes by default (numpy.lib.format, _MAX_HEADER_SIZE). */
    private static final int MAX_HEADER = 1 << 20;
    private static final Map<String, DType> DTYPES = Map.ofEntries(
            Map.entry("f2", DType.F16), Map.entry("f4", DType.F32), Map.entry("f8", DType.F64),
            Map.entry("i1", DType.I8), Map.entry("i2", DType.I16), Map.entry("i4", DType.I32),
            Map.entry("i8", DType.I64), Map.entry("u1", DType.U8), Map.entry("b1", DType.BOOL));
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static TensorData read(Path file) {
        return read(ByteSource.open(file).readAll(), file.toString());
    }

    public static TensorData read(byte[] content) {
        return read(ByteBuffer.wrap(content), "<in-memory npy>");
    }

    static TensorData read(ByteBuffer data, String source) {
        ByteBuffer buf = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < MAGIC.length + 4) {
            throw error(source, "too short for a .npy file (" + buf.remaining() + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf.get(i) != MAGIC[i]) {
                throw error(source, "not a .npy file (bad magic)");
            }
        }
        int major = buf.get(6) & 0xff;
        long headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (buf.remaining() < 12) {
                throw error(source, "truncated header");
            }
            headerLen = buf.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw error(source, "unsupported .npy format version " + major);
        }
        if (headerLen > MAX_HEADER || headerStart + headerLen > buf.remaining()) {
            throw error(source, "header length " + headerLen + " exceeds the file (" + buf.remaining() + " bytes)");
        }
        byte[] hb = new byte[(int) headerLen];
        buf.get(headerStart, hb);
        // v3 headers are UTF-8, v1/v2 Latin-1; the keys we parse are ASCII either way.
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        DType dtype = dtype(header, source);
        Matcher f = FORTRAN.matcher(header);
        if (!f.find()) {
            throw error(source, "header lacks 'fortran_order'");
        }
        long[] shape = shape(header, source);
        long numel = 1;
        try {
            for (long d : shape) {
                numel = Math.multiplyExact(numel, d);
            }
            numel = Math.multiplyExact(numel, dtype.bytes());
        } catch (ArithmeticException e) {
            throw error(source, "shape overflows");
        }
        if (f.group(1).equals("True") && countNonTrivial(shape) > 1) {
            throw error(source, "Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        }
        long dataStart = headerStart + headerLen;
        if (numel != buf.remaining() - dataStart) {
            throw error(source, "shape needs " + numel + " data bytes but the file holds " + (buf.remaining() - dataStart)
                    + " (truncated or corrupt)");
        }
        return TensorData.of(dtype, shape, buf.duplicate().position((int) dataStart).slice());
    }

    private static int countNonTrivial(long[] shape) {
        int n = 0;
        for (long d : shape) {
            n += d > 1 ? 1 : 0;
        }
        return n;
    }

    private static DType dtype(String header, String source) {
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            throw error(source, "header lacks a simple 'descr' (structured dtypes are not supported)");
        }
        String order = m.group(1);
        DType t = DTYPES.get(m.group(2));
        if (t == null) {
            throw error(source, "unsupported dtype '" + order + m.group(2) + "'");
        }
        if (order.equals(">") && t.bytes() > 1) {
            throw error(source, "big-endian data ('" + order + m.group(2) + "') is not supported");
        }
        return t;
    }

    private static long[] shape(String header, String source) {
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw error(source, "header lacks 'shape'");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : m.group(1).split(",")) {
            String p = part.trim();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                long d = Long.parseLong(p);
                if (d < 0) {
                    throw error(source, "negative dimension in shape");
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw error(source, "bad shape '" + PickleText.clip(m.group(1)) + "'");
            }
        }
        if (dims.size() > 64) {
            throw error(source, "more than 64 dimensions");
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static InvalidModelFileException error(String source, String what) {
        return new InvalidModelFileException(source + ": " + what);
    }
}
