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
        // Coarse peak from a zero-padded radix-2 FFT, then a golden-section search on the exact DTFT.
        int size = Integer.highestOneBit(Math.max(1, n - 1)) << 2;
        double[] re = new double[size];
        double[] im = new double[size];
        System.arraycopy(w, 0, re, 0, n);
        fft(re, im);
        int peak = 1;
        for (int k = 1; k < size / 2; k++) {
            if (Math.hypot(re[k], im[k]) > Math.hypot(re[peak], im[peak])) {
                peak = k;
            }
        }
        double bin = (double) rate / size;
        double best = peak * bin;
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

    /** In-place iterative radix-2 FFT; the length must be a power of two. */
    public static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double c = Math.cos(ang * k);
                    double s = Math.sin(ang * k);
                    double ur = re[i + k];
                    double ui = im[i + k];
                    double vr = re[i + k + len / 2] * c - im[i + k + len / 2] * s;
                    double vi = re[i + k + len / 2] * s + im[i + k + len / 2] * c;
                    re[i + k] = ur + vr;
                    im[i + k] = ui + vi;
                    re[i + k + len / 2] = ur - vr;
                    im[i + k + len / 2] = ui - vi;
                }
            }
        }
    }

    /**
     * |DTFT| of {@code w} at {@code f} cycles per sample. The phasor e^(-i 2 pi f n) is advanced by one complex
     * multiplication per sample and re-seeded exactly every 1024 samples (drift stays near 1e-13), which is about ten
     * times faster than a sin and cos per sample; the golden-section search calls this 120 times per estimate.
     */
    private static double dtft(double[] w, double f) {
        double re = 0;
        double im = 0;
        double step = 2 * Math.PI * f;
        double cs = Math.cos(step);
        double sn = Math.sin(step);
        double c = 1;
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            if ((i & 1023) == 0) {
                c = Math.cos(step * i);
                s = Math.sin(step * i);
            }
            re += w[i] * c;
            im -= w[i] * s;
            double nc = c * cs - s * sn;
            s = s * cs + c * sn;
            c = nc;
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

    /** Amplitude of the {@code freq} component of {@code x[from, to)} by least squares on sin and cos. */
    public static double toneAmplitude(float[] x, int from, int to, double freq, int rate) {
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * freq * i / rate);
            double c = Math.cos(2 * Math.PI * freq * i / rate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        return Math.hypot(a, b);
    }
}
