package io.rvc4j.dsp.filter;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Zero-phase filtering exactly as SciPy's {@code signal.filtfilt(b, a, x)} with its defaults: odd extension of
 * {@code padlen = 3 * max(len(a), len(b))} samples at each end, a forward {@link #lfilter} started from
 * {@code lfilter_zi · ext[0]}, a backward pass started from {@code lfilter_zi · y[last]}, then the padding removed.
 * Everything runs in double, as SciPy does on float64 input.
 */
public final class FiltFilt {
    private final IirCoefficients coefficients;
    private final double[] zi;
    private final int padLength;

    /** Prepares the filter once: the steady-state initial conditions ({@code lfilter_zi}) and the pad length. */
    public FiltFilt(IirCoefficients coefficients) {
        this.coefficients = coefficients;
        this.zi = lfilterZi(coefficients);
        this.padLength = 3 * coefficients.length();
    }

    /** The number of samples of odd extension at each end; the input must be longer than this. */
    public int padLength() {
        return padLength;
    }

    /**
     * Filters forwards and backwards.
     *
     * @throws IllegalArgumentException when {@code x} has {@link #padLength()} samples or fewer (SciPy raises too)
     */
    public double[] apply(double[] x) {
        int n = x.length;
        if (n <= padLength) {
            throw new IllegalArgumentException("filtfilt needs more than " + padLength + " samples, got " + n);
        }
        double[] ext = new double[n + 2 * padLength];
        for (int i = 0; i < padLength; i++) {
            ext[i] = 2 * x[0] - x[padLength - i];
            ext[n + padLength + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, padLength, n);
        double[] state = scaled(zi, ext[0]);
        double[] y = lfilter(coefficients, ext, state);
        reverse(y);
        state = scaled(zi, y[0]);
        double[] z = lfilter(coefficients, y, state);
        reverse(z);
        double[] out = new double[n];
        System.arraycopy(z, padLength, out, 0, n);
        return out;
    }

    /** Float convenience: the input is widened to double, the result narrowed back. */
    public float[] apply(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        double[] y = apply(d);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }

    /**
     * Direct form II transposed filter ({@code scipy.signal.lfilter}) with initial state {@code state} (length
     * {@code length() - 1}, updated in place).
     */
    public static double[] lfilter(IirCoefficients c, double[] x, double[] state) {
        int order = c.length() - 1;
        if (state.length != order) {
            throw new IllegalArgumentException("lfilter state needs " + order + " values, got " + state.length);
        }
        double[] b = new double[order + 1];
        double[] a = new double[order + 1];
        for (int i = 0; i <= order; i++) {
            b[i] = c.b(i);
            a[i] = c.a(i);
        }
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double xn = x[n];
            double yn = b[0] * xn + (order > 0 ? state[0] : 0);
            for (int i = 0; i < order - 1; i++) {
                state[i] = b[i + 1] * xn + state[i + 1] - a[i + 1] * yn;
            }
            if (order > 0) {
                state[order - 1] = b[order] * xn - a[order] * yn;
            }
            y[n] = yn;
        }
        return y;
    }

    /**
     * Steady-state initial conditions for a unit step, the quantity {@code scipy.signal.lfilter_zi} returns. SciPy
     * solves {@code (I - companion(a)^T) zi = b[1:] - a[1:] b[0]}; that system is badly conditioned for low cutoffs
     * (RVC's 48 Hz poles sit near z = 1) and SciPy's answer carries about 2e-7 of rounding. We use the closed form of
     * the same steady state instead: with DC gain {@code g = Σb / Σa}, {@code zi[i] = Σ_{k>i} (b[k] - a[k]·g)}. The
     * filtfilt output differs from SciPy's by far less than the 1e-6 the tests allow.
     */
    public static double[] lfilterZi(IirCoefficients c) {
        // exact sums: Σa is ~1e-10 for RVC's filter and Σb cancels to 0, so double rounding would dominate the gain
        int m = c.length() - 1;
        BigDecimal sumA = BigDecimal.ZERO;
        BigDecimal sumB = BigDecimal.ZERO;
        for (int k = 0; k <= m; k++) {
            sumA = sumA.add(new BigDecimal(c.a(k)));
            sumB = sumB.add(new BigDecimal(c.b(k)));
        }
        if (sumA.signum() == 0) {
            throw new IllegalArgumentException("lfilter_zi: the filter has a pole at z = 1 (sum of a is 0)");
        }
        BigDecimal gain = sumB.divide(sumA, MathContext.DECIMAL128);
        double[] zi = new double[m];
        BigDecimal acc = BigDecimal.ZERO;
        for (int i = m - 1; i >= 0; i--) {
            acc = acc.add(new BigDecimal(c.b(i + 1))).subtract(new BigDecimal(c.a(i + 1)).multiply(gain));
            zi[i] = acc.doubleValue();
        }
        return zi;
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }

    private static void reverse(double[] v) {
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }
}
