package io.rvc4j.engine;

import io.rvc4j.engine.io.Npy;
import io.rvc4j.engine.io.TensorData;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Test inputs shared with tools/reference/make_pipeline_fixtures.py: the integer signal recipe (rebuilt bit for bit)
 * and access to the fixture files.
 */
public final class Fixtures {
    private static final int[] PERIODS = {80, 91, 100, 113, 128, 145, 160};
    private static final int SEGMENT = 4000;

    private Fixtures() {
    }

    /** {@code make_signal(n, seed)} of the fixture script, as int16 values. */
    public static short[] signal16(int n, long seed) {
        short[] out = new short[n];
        long state = seed & 0xFFFFFFFFL;
        for (int i = 0; i < n; i++) {
            state = (state * 1664525L + 1013904223L) & 0xFFFFFFFFL;
            long r = state >>> 16;
            int seg = i / SEGMENT;
            long v;
            if (seg % 5 == 4) {
                v = (r % 64) - 32;
            } else {
                int p = PERIODS[seg % 7];
                int ph = i % p;
                long tri = (long) Math.abs(2 * ph - p) * 16000 / p - 8000;
                v = tri + (r % 512) - 256;
            }
            out[i] = (short) v;
        }
        return out;
    }

    /** {@code make_signal(n, seed) / 32768} as float32. */
    public static float[] signal(int n, long seed) {
        short[] s = signal16(n, seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = s[i] / 32768f;
        }
        return f;
    }

    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TensorData npy(String relative) {
        return Npy.read(path(relative));
    }

    /** Largest absolute difference; the arrays must have equal length. */
    public static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
