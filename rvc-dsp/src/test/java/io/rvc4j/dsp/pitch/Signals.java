package io.rvc4j.dsp.pitch;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Synthetic test signals with a known f0 at every sample: sines, harmonic tones shaped by vowel-like formants,
 * vibrato and sweeps, optionally with white noise at a given SNR. Deterministic (fixed seeds).
 */
final class Signals {
    static final int RATE = 16000;

    private Signals() {
    }

    /** A signal and its true f0 per sample (0 = silence/unvoiced). */
    record Truth(float[] samples, double[] f0) {
        /** The true f0 at RVC's frame times (frame i at i * 10 ms), 0 where any of the +-30 ms is unvoiced. */
        double[] framesF0(int frames) {
            double[] out = new double[frames];
            for (int i = 0; i < frames; i++) {
                int c = i * 160;
                boolean steady = true;
                for (int k = c - 480; k <= c + 480; k += 40) {
                    if (k < 0 || k >= f0.length || f0[k] <= 0) {
                        steady = false;
                        break;
                    }
                }
                out[i] = steady ? f0[Math.min(c, f0.length - 1)] : 0;
            }
            return out;
        }

        /** True where the frame is surely unvoiced (no voicing within +-30 ms). */
        boolean[] framesSilent(int frames) {
            boolean[] out = new boolean[frames];
            for (int i = 0; i < frames; i++) {
                int c = i * 160;
                boolean silent = true;
                for (int k = Math.max(0, c - 480); k <= Math.min(f0.length - 1, c + 480); k++) {
                    if (f0[k] > 0) {
                        silent = false;
                        break;
                    }
                }
                out[i] = silent;
            }
            return out;
        }
    }

    static Truth sine(double hz, double seconds, double amplitude) {
        return tone(t -> hz, seconds, amplitude, 1, false);
    }

    /**
     * A tone whose f0 follows {@code f0OfTime}: {@code harmonics} partials, with vowel-like /a/ formant weighting when
     * {@code formants} is set.
     */
    static Truth tone(DoubleUnaryOperator f0OfTime, double seconds, double amplitude, int harmonics,
            boolean formants) {
        int n = (int) Math.round(seconds * RATE);
        float[] x = new float[n];
        double[] f0 = new double[n];
        double phase = 0;
        double peak = 0;
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            double f = f0OfTime.applyAsDouble((double) i / RATE);
            f0[i] = f;
            phase += 2 * Math.PI * f / RATE;
            double v = 0;
            for (int h = 1; h <= harmonics && h * f < RATE / 2.0 - 200; h++) {
                v += formantGain(h * f, formants) / h * Math.sin(h * phase);
            }
            raw[i] = v;
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * raw[i] / peak);
        }
        return new Truth(x, f0);
    }

    /** Resonance gains of /a/ (F1 700, F2 1220, F3 2600 Hz) on a 1/h source; 1 when formants are off. */
    private static double formantGain(double hz, boolean formants) {
        if (!formants) {
            return 1;
        }
        double g = 0.05;
        double[][] f = {{700, 130}, {1220, 70}, {2600, 160}};
        for (double[] fb : f) {
            double d = (hz - fb[0]) / fb[1];
            g += 1.0 / (1 + d * d);
        }
        return g;
    }

    /** Silence, tone, silence: the tone with {@code pad} seconds of zeros on both sides. */
    static Truth padded(Truth t, double pad) {
        int p = (int) Math.round(pad * RATE);
        float[] x = new float[t.samples().length + 2 * p];
        double[] f0 = new double[x.length];
        System.arraycopy(t.samples(), 0, x, p, t.samples().length);
        System.arraycopy(t.f0(), 0, f0, p, t.f0().length);
        return new Truth(x, f0);
    }

    /** Adds white Gaussian noise at {@code snrDb} relative to the signal's mean power over its voiced samples. */
    static Truth withNoise(Truth t, double snrDb, long seed) {
        float[] x = t.samples().clone();
        double power = 0;
        int voiced = 0;
        for (int i = 0; i < x.length; i++) {
            if (t.f0()[i] > 0) {
                power += x[i] * x[i];
                voiced++;
            }
        }
        power /= Math.max(1, voiced);
        double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (sigma * r.nextGaussian());
        }
        return new Truth(x, t.f0());
    }
}
