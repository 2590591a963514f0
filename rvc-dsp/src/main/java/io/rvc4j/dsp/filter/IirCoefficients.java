package io.rvc4j.dsp.filter;

import java.util.Arrays;

/**
 * Transfer-function coefficients of an IIR filter, {@code H(z) = B(z) / A(z)}, normalised so that {@code a[0] = 1}
 * (SciPy's {@code (b, a)} pair).
 */
public final class IirCoefficients {
    private final double[] b;
    private final double[] a;

    private IirCoefficients(double[] b, double[] a) {
        this.b = b;
        this.a = a;
    }

    /**
     * A filter from numerator and denominator (copied; both scaled by {@code 1 / a[0]}).
     *
     * @throws IllegalArgumentException when either is empty, {@code a[0]} is 0 or a value is not finite
     */
    public static IirCoefficients of(double[] b, double[] a) {
        if (b.length == 0 || a.length == 0 || a[0] == 0) {
            throw new IllegalArgumentException("IIR filter needs non-empty b and a with a[0] != 0, got b="
                    + Arrays.toString(b) + " a=" + Arrays.toString(a));
        }
        double a0 = a[0];
        double[] bn = new double[b.length];
        double[] an = new double[a.length];
        for (int i = 0; i < b.length; i++) {
            bn[i] = b[i] / a0;
        }
        for (int i = 0; i < a.length; i++) {
            an[i] = a[i] / a0;
        }
        for (double v : bn) {
            requireFinite(v);
        }
        for (double v : an) {
            requireFinite(v);
        }
        return new IirCoefficients(bn, an);
    }

    public double[] b() {
        return b.clone();
    }

    public double[] a() {
        return a.clone();
    }

    /** The filter order plus one: the longer of the two coefficient vectors. */
    public int length() {
        return Math.max(a.length, b.length);
    }

    double b(int i) {
        return i < b.length ? b[i] : 0;
    }

    double a(int i) {
        return i < a.length ? a[i] : 0;
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("IIR coefficient is not finite: " + v);
        }
    }

    @Override
    public String toString() {
        return "IirCoefficients[b=" + Arrays.toString(b) + ", a=" + Arrays.toString(a) + "]";
    }
}
