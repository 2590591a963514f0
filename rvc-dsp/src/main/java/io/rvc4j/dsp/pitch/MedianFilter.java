package io.rvc4j.dsp.pitch;

import java.util.Arrays;

/**
 * {@code scipy.signal.medfilt(x, kernel)}: the median of each odd-length window, with the signal zero-padded at both
 * ends. RVC applies it with kernel 3 to Harvest's f0 when {@code filter_radius >= 3} (the radius only switches it on).
 */
public final class MedianFilter {
    private MedianFilter() {
    }

    public static float[] apply(float[] x, int kernel) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and positive, got " + kernel);
        }
        int half = kernel / 2;
        float[] out = new float[x.length];
        float[] window = new float[kernel];
        for (int i = 0; i < x.length; i++) {
            for (int k = -half; k <= half; k++) {
                int j = i + k;
                window[k + half] = j < 0 || j >= x.length ? 0f : x[j];
            }
            Arrays.sort(window);
            out[i] = window[half];
        }
        return out;
    }
}
