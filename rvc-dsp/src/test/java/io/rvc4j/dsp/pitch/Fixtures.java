package io.rvc4j.dsp.pitch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the pitch fixtures: 16-bit PCM WAVs and the CSV tracks written by the WORLD driver. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/pitch/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource /pitch/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mono 16-bit PCM samples as float, x / 32768 as ffmpeg's s16 to f32 conversion gives them. */
    static float[] wav(String name) {
        return pcm16(resource("signals/" + name + ".wav"));
    }

    static float[] pcm16(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        while (b.remaining() >= 8) {
            String id = new String(bytes, b.position(), 4, StandardCharsets.US_ASCII);
            b.position(b.position() + 4);
            int size = b.getInt();
            if (id.equals("data")) {
                int n = Math.min(size, b.remaining()) / 2;
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = b.getShort() / 32768f;
                }
                return x;
            }
            b.position(b.position() + size + (size & 1));
        }
        throw new IllegalArgumentException("no data chunk");
    }

    /** Column {@code column} (0-based) of a CSV with one header line. */
    static double[] csvColumn(String path, int column) {
        String[] lines = new String(resource(path), StandardCharsets.UTF_8).strip().split("\\R");
        List<Double> values = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            values.add(Double.parseDouble(lines[i].split(",")[column]));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
