package io.rvc4j.engine.synth;

import io.rvc4j.engine.io.TensorData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A minimal test-only reader of the little-endian, C-order {@code .npy} / {@code .npz} files the fixture script
 * writes (temporary, until the engine's own Npy reader lands).
 */
final class TestNpy {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|=]?)([a-z]\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private TestNpy() {
    }

    static TensorData read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    static Map<String, TensorData> readNpz(Path file) throws IOException {
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().replaceFirst("\\.npy$", "");
                out.put(name, parse(zip.readAllBytes()));
            }
        }
        return out;
    }

    static TensorData parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException("fortran order not supported");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IllegalArgumentException("bad npy header " + header);
        }
        TensorData.DType dtype = switch (d.group(2)) {
            case "f2" -> TensorData.DType.F16;
            case "f4" -> TensorData.DType.F32;
            case "f8" -> TensorData.DType.F64;
            case "i8" -> TensorData.DType.I64;
            case "i4" -> TensorData.DType.I32;
            default -> throw new IllegalArgumentException("dtype " + d.group(2));
        };
        String[] dims = s.group(1).replace(" ", "").split(",");
        long[] shape = java.util.Arrays.stream(dims).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
        int dataStart = start + headerLen;
        return TensorData.of(dtype, shape, ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart));
    }
}
