package io.rvc4j.engine.pitch;

/**
 * What RVC does after {@code torchcrepe.predict} ({@code get_f0_official_crepe_computation}): periodicity through
 * torchcrepe 0.0.20's {@code filter.median(pd, 3)}, pitch through {@code filter.mean(f0, 3)}, then
 * {@code f0[pd < 0.1] = 0}; and, for a hop other than 160, AICoverGen's mangio-crepe resampling onto RVC's frames.
 */
final class CrepePostFilter {
    /** RVC: frames whose filtered periodicity is under 0.1 are unvoiced. */
    static final float PERIODICITY_THRESHOLD = 0.1f;
    /** mangio-crepe: values under 0.001 Hz count as unvoiced (NaN) before interpolation. */
    private static final double UNVOICED_BELOW = 0.001;

    private CrepePostFilter() {}

    /**
     * Window-3 median as torchcrepe computes it: the edge windows hold two valid values (the padding is masked) and
     * take the lower one.
     */
    static float[] median3(float[] x) {
        int n = x.length;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            if (i == 0 || i == n - 1) {
                float a = x[i];
                float b = n > 1 ? x[i == 0 ? 1 : n - 2] : a;
                out[i] = Math.min(a, b);
            } else {
                float a = x[i - 1];
                float b = x[i];
                float c = x[i + 1];
                out[i] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
            }
        }
        return out;
    }

    /** Window-3 mean as torchcrepe computes it: zero padding, divided by the count of real samples in the window. */
    static float[] mean3(float[] x) {
        int n = x.length;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float sum = x[i];
            int count = 1;
            if (i > 0) {
                sum += x[i - 1];
                count++;
            }
            if (i < n - 1) {
                sum += x[i + 1];
                count++;
            }
            out[i] = sum / count;
        }
        return out;
    }

    /** RVC's filter chain: f0 smoothed by the mean, zeroed where the median-filtered periodicity is under 0.1. */
    static float[] filter(float[] f0, float[] periodicity) {
        float[] pd = median3(periodicity);
        float[] out = mean3(f0);
        for (int i = 0; i < out.length; i++) {
            if (pd[i] < PERIODICITY_THRESHOLD) {
                out[i] = 0;
            }
        }
        return out;
    }

    /**
     * mangio-crepe's resampling to {@code pLen} frames: {@code np.interp(arange(0, len * pLen, len) / pLen,
     * arange(len), source)} with unvoiced frames as NaN, then NaN to 0. An interpolated point touching an unvoiced
     * neighbour is unvoiced; a point that falls exactly on a source frame takes that frame's value.
     */
    static float[] resample(float[] source, int pLen) {
        int len = source.length;
        float[] out = new float[pLen];
        for (int i = 0; i < pLen; i++) {
            double pos = (double) i * len / pLen;
            int j = (int) Math.floor(pos);
            if (j >= len - 1) {
                out[i] = voiced(source[len - 1]) ? source[len - 1] : 0;
                continue;
            }
            double frac = pos - j;
            double a = source[j];
            double b = source[j + 1];
            if (frac == 0) {
                out[i] = voiced(a) ? (float) a : 0;
            } else if (voiced(a) && voiced(b)) {
                out[i] = (float) ((b - a) * frac + a);
            } else {
                out[i] = 0;
            }
        }
        return out;
    }

    private static boolean voiced(double hz) {
        return hz >= UNVOICED_BELOW;
    }
}
