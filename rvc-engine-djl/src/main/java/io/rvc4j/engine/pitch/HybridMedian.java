package io.rvc4j.engine.pitch;

import java.util.Arrays;

/**
 * The frame-wise combination of a hybrid pitch method. AICoverGen's pipeline takes {@code np.nanmedian} over the
 * methods' tracks, with unvoiced frames as 0 (so they count as values). We generalise it to a weighted median: the
 * first method weighs {@code w} (AniVoiceChanger's {@code f0_method_weight}) and the others share {@code 1 - w}
 * equally. The weighted median is the smallest value whose cumulative weight reaches half the total; when the
 * cumulative weight hits exactly half, it is the mean of that value and the next, so equal weights give exactly
 * numpy's median (the middle value for an odd count, the mean of the two middle values for an even count).
 */
final class HybridMedian {
    /** Cumulative-weight comparisons within this of one half count as "exactly half" (weights are sums of doubles). */
    private static final double TIE = 1e-9;

    private HybridMedian() {}

    /** The weights: {@code first} for track 0, the rest split equally. */
    static double[] weights(int methods, double first) {
        double[] w = new double[methods];
        w[0] = first;
        Arrays.fill(w, 1, methods, (1 - first) / (methods - 1));
        return w;
    }

    /** Frame-wise weighted median of equally long tracks. */
    static float[] combine(float[][] tracks, double[] weights) {
        int frames = tracks[0].length;
        int n = tracks.length;
        float[] out = new float[frames];
        Integer[] order = new Integer[n];
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int t = 0; t < frames; t++) {
            final int frame = t;
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(tracks[a][frame], tracks[b][frame]));
            double cumulative = 0;
            for (int k = 0; k < n; k++) {
                cumulative += weights[order[k]];
                double excess = cumulative - total / 2;
                if (weights[order[k]] > 0 && Math.abs(excess) <= TIE) {
                    int next = k + 1;
                    while (next < n && weights[order[next]] <= 0) {
                        next++; // methods of weight 0 take no part
                    }
                    out[t] = next < n ? (tracks[order[k]][frame] + tracks[order[next]][frame]) / 2
                            : tracks[order[k]][frame];
                    break;
                }
                if (excess > TIE) {
                    out[t] = tracks[order[k]][frame];
                    break;
                }
            }
        }
        return out;
    }
}
