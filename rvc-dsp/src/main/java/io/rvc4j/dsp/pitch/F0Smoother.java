package io.rvc4j.dsp.pitch;

/**
 * Harvest's final smoothing ({@code SmoothF0Contour}, {@code FilteringF0} in WORLD): each voiced run, held constant
 * beyond its ends, goes forward and backward through a second-order low-pass. WORLD filters a 300-frame-padded copy
 * of the whole contour per run; the filter's poles have radius 0.875, so its memory of anything 300 frames away is
 * below 1e-17 and filtering only the run plus 300 frames each side gives the same values to rounding.
 */
final class F0Smoother {
    /** Butterworth low-pass from WORLD's {@code SmoothF0Contour}. */
    private static final double B0 = 0.0078202080334971724;
    private static final double B1 = 0.015640416066994345;
    private static final double A0 = 1.7347257688092754;
    private static final double A1 = -0.76600660094326412;
    /** Zero padding each side ({@code lag}). */
    private static final int LAG = 300;

    private F0Smoother() {
    }

    static double[] smooth(double[] f0) {
        int n = f0.length;
        double[] padded = new double[n + 2 * LAG];
        System.arraycopy(f0, 0, padded, LAG, n);
        double[] out = new double[n];
        int[] b = Sections.boundaries(padded);
        for (int s = 0; s < b.length / 2; s++) {
            int st = b[s * 2];
            int ed = b[s * 2 + 1];
            int lo = Math.max(0, st - LAG);
            int hi = Math.min(padded.length - 1, ed + LAG);
            int len = hi - lo + 1;
            double[] x = new double[len];
            for (int i = 0; i < len; i++) {
                int j = lo + i;
                x[i] = padded[Math.max(st, Math.min(ed, j))];
            }
            double[] y = zeroPhase(x);
            for (int j = st; j <= ed; j++) {
                out[j - LAG] = y[j - lo];
            }
        }
        return out;
    }

    private static double[] zeroPhase(double[] x) {
        int n = x.length;
        double[] tmp = new double[n];
        double w0 = 0;
        double w1 = 0;
        for (int i = 0; i < n; i++) {
            double wt = x[i] + A0 * w0 + A1 * w1;
            tmp[n - i - 1] = B0 * wt + B1 * w0 + B0 * w1;
            w1 = w0;
            w0 = wt;
        }
        double[] y = new double[n];
        w0 = 0;
        w1 = 0;
        for (int i = 0; i < n; i++) {
            double wt = tmp[i] + A0 * w0 + A1 * w1;
            y[n - i - 1] = B0 * wt + B1 * w0 + B0 * w1;
            w1 = w0;
            w0 = wt;
        }
        return y;
    }
}
