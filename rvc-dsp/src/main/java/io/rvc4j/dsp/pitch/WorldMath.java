package io.rvc4j.dsp.pitch;

/**
 * The MATLAB-compatible helpers WORLD builds Harvest and StoneMask on ({@code matlabfunctions.cpp}, {@code common.cpp}
 * of mmorise/World), reproduced with the same edge behaviour because Harvest's decisions depend on it.
 */
final class WorldMath {
    /** WORLD's {@code kMySafeGuardMinimum}. */
    static final double SAFE_GUARD_MINIMUM = 1e-12;

    /**
     * Second-order low-pass coefficients WORLD's {@code decimate} uses for a ratio of 2 (16 kHz to 8 kHz), as published
     * in {@code matlabfunctions.cpp} ({@code FilterForDecimate}, case 2): a1..a3 feedback, b0, b1 feed-forward.
     */
    private static final double[] DECIMATE2_A = {0.041156734567757189, -0.42599112459189636, 0.041037215479961225};
    private static final double[] DECIMATE2_B = {0.16797464681802227, 0.50392394045406674};
    /** Edge extension of {@code decimate} ({@code kNFact}). */
    private static final int DECIMATE_NFACT = 9;

    private WorldMath() {
    }

    /** MATLAB's {@code round}: half away from zero, truncated to int as WORLD's {@code matlab_round} does. */
    static int matlabRound(double x) {
        return x > 0 ? (int) (x + 0.5) : (int) (x - 0.5);
    }

    /** The 4-term Nuttall window of WORLD's {@code NuttallWindow}. */
    static double[] nuttallWindow(int length) {
        double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            double t = i / (length - 1.0);
            y[i] = 0.355768 - 0.487396 * Math.cos(2 * Math.PI * t) + 0.144232 * Math.cos(4 * Math.PI * t)
                    - 0.012604 * Math.cos(6 * Math.PI * t);
        }
        return y;
    }

    /** WORLD's {@code GetSuitableFFTSize}: the power of two above {@code sample} (strictly above when exact). */
    static int suitableFftSize(int sample) {
        return (int) Math.pow(2.0, (int) (Math.log(sample) / Math.log(2.0)) + 1.0);
    }

    /**
     * MATLAB's {@code interp1(x, y, xi, 'linear', 'extrap')} as WORLD computes it through {@code histc}: points outside
     * {@code x} extrapolate along the first or last segment.
     */
    static void interp1(double[] x, double[] y, int xLength, double[] xi, int xiLength, double[] yi) {
        int[] k = histc(x, xLength, xi, xiLength);
        for (int i = 0; i < xiLength; i++) {
            int j = k[i] - 1;
            double s = (xi[i] - x[j]) / (x[j + 1] - x[j]);
            yi[i] = y[j] + s * (y[j + 1] - y[j]);
        }
    }

    /** WORLD's {@code histc}: for each edge, the 1-based segment of {@code x} it falls in, clamped to the ends. */
    private static int[] histc(double[] x, int xLength, double[] edges, int edgesLength) {
        int[] index = new int[edgesLength];
        int count = 1;
        int i = 0;
        for (; i < edgesLength; i++) {
            index[i] = 1;
            if (edges[i] >= x[0]) {
                break;
            }
        }
        for (; i < edgesLength; i++) {
            if (edges[i] < x[count]) {
                index[i] = count;
            } else {
                index[i--] = count++;
            }
            if (count == xLength) {
                break;
            }
        }
        count--;
        for (i++; i < edgesLength; i++) {
            index[i] = count;
        }
        return index;
    }

    /**
     * WORLD's {@code decimate} by 2: odd-symmetric extension of 9 samples, the fixed IIR low-pass run forward and
     * backward, then every second sample, aligned to the end as MATLAB does.
     */
    static double[] decimateBy2(double[] x, int xLength) {
        final int r = 2;
        int extended = xLength + 2 * DECIMATE_NFACT;
        double[] tmp1 = new double[extended];
        double[] tmp2 = new double[extended];
        for (int i = 0; i < DECIMATE_NFACT; i++) {
            tmp1[i] = 2 * x[0] - x[DECIMATE_NFACT - i];
        }
        System.arraycopy(x, 0, tmp1, DECIMATE_NFACT, xLength);
        for (int i = DECIMATE_NFACT + xLength; i < extended; i++) {
            tmp1[i] = 2 * x[xLength - 1] - x[xLength - 2 - (i - (DECIMATE_NFACT + xLength))];
        }
        lowPass(tmp1, tmp2);
        reverseInto(tmp2, tmp1);
        lowPass(tmp1, tmp2);
        reverseInto(tmp2, tmp1);
        int nout = (xLength - 1) / r + 1;
        int nbeg = r - r * nout + xLength;
        // MATLAB's loop runs past nout (to xLength + 9); WORLD's callers only read the first nout values.
        double[] y = new double[nout + DECIMATE_NFACT];
        int count = 0;
        for (int i = nbeg; i < xLength + DECIMATE_NFACT; i += r) {
            y[count++] = tmp1[i + DECIMATE_NFACT - 1];
        }
        return y;
    }

    private static void lowPass(double[] x, double[] y) {
        double w0 = 0;
        double w1 = 0;
        double w2 = 0;
        for (int i = 0; i < x.length; i++) {
            double wt = x[i] + DECIMATE2_A[0] * w0 + DECIMATE2_A[1] * w1 + DECIMATE2_A[2] * w2;
            y[i] = DECIMATE2_B[0] * wt + DECIMATE2_B[1] * w0 + DECIMATE2_B[1] * w1 + DECIMATE2_B[0] * w2;
            w2 = w1;
            w1 = w0;
            w0 = wt;
        }
    }

    private static void reverseInto(double[] from, double[] to) {
        int n = from.length;
        for (int i = 0; i < n; i++) {
            to[i] = from[n - i - 1];
        }
    }
}
