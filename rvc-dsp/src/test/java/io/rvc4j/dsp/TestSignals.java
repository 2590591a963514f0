package io.rvc4j.dsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Signals and measurements shared by the DSP tests. */
public final class TestSignals {
    private TestSignals() {
    }

    public static float[] sine(double freq, double amplitude, int rate, int frames) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    public static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / Math.max(1, to - from));
    }

    public static double rms(float[] x) {
        return rms(x, 0, x.length);
    }

    public static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /**
     * Frequency of the dominant sinusoid in {@code x[from, to)}, by a Hann-windowed DFT peak refined with a
     * golden-section search on the DTFT magnitude (accurate to well under 0.1 Hz for a clean tone of 0.5 s).
     */
    public static double dominantFrequency(float[] x, int from, int to, int rate) {
        int n = to - from;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
        }
        double bin = (double) rate / n;
        double best = 0;
        double bestMag = -1;
        for (double f = bin; f < rate / 2.0; f += bin / 2) {
            double m = dtft(w, f / rate);
            if (m > bestMag) {
                bestMag = m;
                best = f;
            }
        }
        double lo = best - bin;
        double hi = best + bin;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 60; it++) {
            double a = hi - g * (hi - lo);
            double b = lo + g * (hi - lo);
            if (dtft(w, a / rate) > dtft(w, b / rate)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return (lo + hi) / 2;
    }

    private static double dtft(double[] w, double f) {
        double re = 0;
        double im = 0;
        double step = 2 * Math.PI * f;
        for (int i = 0; i < w.length; i++) {
            re += w[i] * Math.cos(step * i);
            im -= w[i] * Math.sin(step * i);
        }
        return Math.hypot(re, im);
    }

    /** A little-endian float32 resource. */
    public static float[] readF32(String resource) {
        try (InputStream in = TestSignals.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[b.remaining() / 4];
            b.asFloatBuffer().get(x);
            return x;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
