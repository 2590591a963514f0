package io.rvc4j.dsp.resample;

import io.rvc4j.core.port.out.Resampler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * resampy's {@code resample(x, sr_orig, sr_new, filter="kaiser_best")} (bmcfee/resampy 0.4.2, {@code core.py} and
 * {@code interpn.py}), which librosa 0.9.1's default {@code resample} calls and RVC uses for its optional output rate.
 *
 * <p>The filter is resampy's precomputed {@code kaiser_best} table, rebuilt here from its parameters (resampy
 * {@code filters.py} {@code sinc_window}): the right wing of {@code rolloff·sinc(rolloff·t)}, t = 0..50 zero crossings
 * sampled 2^13 times per crossing (409 601 values), times the right half of a symmetric Kaiser window of length
 * 2·409600 + 1 with beta 12.9846. This equals the table in resampy's {@code data/kaiser_best.npz} exactly in float64
 * (checked with numpy). Taps between table entries are interpolated linearly; when downsampling, the table is scaled
 * by the rate ratio and stepped accordingly. Output sample {@code k} sits at input time {@code k·sr_orig/sr_new}; the
 * input is zero outside its ends.
 *
 * <p>Accumulation follows resampy on float32 data: each tap's product is added in double and the running sum is stored
 * back as float. {@link #resample} returns {@code round(n·to/from)} samples (the port's contract); resampy itself
 * returns {@code floor(n·to/from)}, see {@link #resampyLength}. Thread-safe; scaled tables are cached per rate pair.
 */
public final class ResampyResampler implements Resampler {
    /** kaiser_best: zero crossings of the sinc kept on each side. */
    static final int NUM_ZEROS = 50;
    /** kaiser_best: table entries per zero crossing (resampy's {@code precision}, 2^13). */
    static final int PRECISION = 1 << 13;
    /** kaiser_best: the sinc's cutoff as a fraction of the lower Nyquist. */
    static final double ROLLOFF = 0.917347;
    /** kaiser_best: the Kaiser window's beta. */
    static final double BETA = 12.9846;

    private static volatile double[] table;
    private final Map<Long, double[][]> scaled = new ConcurrentHashMap<>();

    /** resampy's own output length: {@code int(n * float(sr_new) / float(sr_orig))}, evaluated left to right. */
    public static int resampyLength(int n, int fromRate, int toRate) {
        return (int) ((double) n * toRate / fromRate);
    }

    @Override
    public float[] resample(float[] samples, int fromRate, int toRate) {
        int outLength = ResampleArgs.outputLength(samples.length, fromRate, toRate);
        if (fromRate == toRate) {
            return samples.clone();
        }
        double ratio = (double) toRate / fromRate;
        double[][] win = scaled.computeIfAbsent(((long) fromRate << 32) | toRate, k -> tables(ratio));
        return run(samples, outLength, ratio, win[0], win[1]);
    }

    /** {@code _resample_loop} of resampy's interpn.py, one channel. */
    private static float[] run(float[] x, int nOut, double ratio, double[] interpWin, double[] interpDelta) {
        double scale = Math.min(1.0, ratio);
        double timeIncrement = 1.0 / ratio;
        int indexStep = (int) (scale * PRECISION);
        int nwin = interpWin.length;
        int nOrig = x.length;
        float[] y = new float[nOut];
        for (int t = 0; t < nOut; t++) {
            double timeRegister = t * timeIncrement;
            int n = (int) timeRegister;
            double frac = scale * (timeRegister - n);
            double indexFrac = frac * PRECISION;
            int offset = (int) indexFrac;
            double eta = indexFrac - offset;
            float acc = 0f;
            // left wing: x[n], x[n-1], ...
            int iMax = Math.min(n + 1, (nwin - offset) / indexStep);
            for (int i = 0; i < iMax; i++) {
                int j = offset + i * indexStep;
                if (n - i < nOrig) {
                    acc = (float) (acc + (interpWin[j] + eta * interpDelta[j]) * x[n - i]);
                }
            }
            // right wing: x[n+1], x[n+2], ...
            frac = scale - frac;
            indexFrac = frac * PRECISION;
            offset = (int) indexFrac;
            eta = indexFrac - offset;
            int kMax = Math.min(nOrig - n - 1, (nwin - offset) / indexStep);
            for (int k = 0; k < kMax; k++) {
                int j = offset + k * indexStep;
                acc = (float) (acc + (interpWin[j] + eta * interpDelta[j]) * x[n + k + 1]);
            }
            y[t] = acc;
        }
        return y;
    }

    /** The window (scaled by the ratio when downsampling) and its forward differences, last difference 0. */
    private static double[][] tables(double ratio) {
        double[] base = kaiserBest();
        double[] win = base;
        if (ratio < 1) {
            win = new double[base.length];
            for (int i = 0; i < win.length; i++) {
                win[i] = ratio * base[i];
            }
        }
        double[] delta = new double[win.length];
        for (int i = 0; i + 1 < win.length; i++) {
            delta[i] = win[i + 1] - win[i];
        }
        return new double[][] {win, delta};
    }

    /** resampy's kaiser_best half window ({@code sinc_window(50, 13, kaiser(beta), rolloff)}). */
    static double[] kaiserBest() {
        double[] t = table;
        if (t == null) {
            synchronized (ResampyResampler.class) {
                t = table;
                if (t == null) {
                    int n = PRECISION * NUM_ZEROS;
                    t = new double[n + 1];
                    double i0Beta = Kaiser.besselI0(BETA);
                    for (int i = 0; i <= n; i++) {
                        // np.linspace(0, num_zeros, n + 1): i * (num_zeros / n)
                        double time = i * ((double) NUM_ZEROS / n);
                        double arg = ROLLOFF * time;
                        double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                        // scipy kaiser(2n + 1, beta)[n + i]: I0(beta·sqrt(1 − (i/n)²)) / I0(beta)
                        double r = (double) i / n;
                        double w = Kaiser.besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
                        t[i] = ROLLOFF * sinc * w;
                    }
                    table = t;
                }
            }
        }
        return t;
    }
}
