package io.rvc4j.engine.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Where RVC cuts long input (reference note section 3.5, branch 20240604): when the input padded by 80 samples is
 * longer than {@code t_max}, a 160-sample moving sum of |x| is searched within {@code ±t_query} of every multiple of
 * {@code t_center}, and the first minimum is the cut. Sums run in double in the reference's order.
 */
final class QuietSplitter {
    private QuietSplitter() {
    }

    /** The cut positions {@code opt_ts} in samples of the unpadded signal (before rounding down to 160). */
    static List<Integer> cuts(float[] audio) {
        int n = audio.length;
        int half = PipelineConstants.WINDOW / 2;
        List<Integer> cuts = new ArrayList<>();
        if (n + 2 * half <= PipelineConstants.T_MAX) {
            return cuts;
        }
        double[] sum = new double[n];
        for (int i = 0; i < PipelineConstants.WINDOW; i++) {
            for (int p = 0; p < n; p++) {
                sum[p] += Math.abs(audio[AudioConditioner.reflect(p + i - half, n)]);
            }
        }
        for (int t = PipelineConstants.T_CENTER; t < n; t += PipelineConstants.T_CENTER) {
            int from = t - PipelineConstants.T_QUERY;
            int to = Math.min(n, t + PipelineConstants.T_QUERY);
            int best = from;
            for (int p = from + 1; p < to; p++) {
                if (sum[p] < sum[best]) {
                    best = p;
                }
            }
            cuts.add(best);
        }
        return cuts;
    }
}
