package io.rvc4j.dsp.pitch;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.PitchTrack;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The {@code hybrid[a+b+...]} f0 method: a frame-wise median of several tracks of equal length, as Mangio's RVC fork
 * (carried by AICoverGen, {@code src/vc_infer_pipeline.py get_f0_hybrid_computation}) combines methods with
 * {@code np.nanmedian(f0_computation_stack, axis=0)}.
 *
 * <p>Semantics:
 * <ul>
 *   <li>Without a weight ({@link #median}, the default): exactly {@code np.nanmedian} over the tracks, i.e. the middle
 *       value, or the mean of the two middle values for an even count, NaN values left out. Unvoiced frames (0 Hz)
 *       are values like any other, because every method of the fork reports unvoiced as 0, never NaN (mangio-crepe
 *       even runs {@code np.nan_to_num}): two methods that disagree on voicing give half the voiced f0; three give the
 *       voiced value when two are voiced. A frame where every track is NaN becomes 0 (numpy would give NaN; no
 *       extractor here produces NaN).</li>
 *   <li>With the AniVoiceChanger seed's {@code f0_method_weight} {@code w}, only when the caller gives one (the seed
 *       documents it as "weight for hybrid f0 method" and nothing more; our reading): the first method has weight
 *       {@code w}, the others share {@code 1 - w} equally. The weighted median is the smallest value whose cumulative weight (values
 *       sorted ascending) reaches half the total; when it reaches exactly half, the mean of that value and the next,
 *       which is what makes equal weights agree with numpy. With two methods, {@code w > 0.5} therefore yields the
 *       first track, {@code w < 0.5} the second and {@code w = 0.5} their mean; with three, any {@code w} in
 *       (0.25, 0.5) is the plain median.</li>
 * </ul>
 */
public final class HybridPitch {
    /** Cumulative weights within this of one half count as exactly one half (weights like 1/3 do not sum exactly). */
    private static final double HALF_TOLERANCE = 1e-9;

    private HybridPitch() {
    }

    /** Weights of {@code n} methods when the first has {@code firstWeight} and the rest share the remainder. */
    public static double[] weights(int n, double firstWeight) {
        if (n < 1) {
            throw new InvalidParameterException("f0_method", "a hybrid needs at least one track");
        }
        if (!(firstWeight >= 0 && firstWeight <= 1)) {
            throw new InvalidParameterException("f0_method_weight", "must be within 0..1, got " + firstWeight);
        }
        double[] w = new double[n];
        w[0] = n == 1 ? 1 : firstWeight;
        for (int i = 1; i < n; i++) {
            w[i] = (1 - firstWeight) / (n - 1);
        }
        return w;
    }

    /** The frame-wise median with equal weights ({@code numpy.nanmedian(stack, axis=0)}): AICoverGen's hybrid. */
    public static PitchTrack median(List<PitchTrack> tracks) {
        double[] w = new double[tracks.size()];
        Arrays.fill(w, 1.0);
        return weightedMedian(tracks, w);
    }

    /** The plain {@link #median} when {@code firstWeight} is empty, else {@link #combine(List, double)}. */
    public static PitchTrack combine(List<PitchTrack> tracks, OptionalDouble firstWeight) {
        return firstWeight.isPresent() ? combine(tracks, firstWeight.getAsDouble()) : median(tracks);
    }

    /** The frame-wise median with the first track at {@code firstWeight}, the others sharing the rest. */
    public static PitchTrack combine(List<PitchTrack> tracks, double firstWeight) {
        return weightedMedian(tracks, weights(tracks.size(), firstWeight));
    }

    /**
     * The frame-wise weighted median; tracks must have equal length and frame rate, weights be >= 0 with a positive
     * sum. NaN values take no part (as in {@code np.nanmedian}); a frame with only NaN values becomes 0.
     */
    public static PitchTrack weightedMedian(List<PitchTrack> tracks, double[] weights) {
        if (tracks.isEmpty() || tracks.size() != weights.length) {
            throw new InvalidParameterException("f0_method", "needs one weight per track, got " + tracks.size()
                    + " tracks and " + weights.length + " weights");
        }
        int frames = tracks.get(0).frameCount();
        double rate = tracks.get(0).frameRate();
        double total = 0;
        for (int k = 0; k < tracks.size(); k++) {
            PitchTrack t = tracks.get(k);
            if (t.frameCount() != frames || t.frameRate() != rate) {
                throw new InvalidParameterException("f0_method", "hybrid tracks differ: track " + (k + 1) + " has "
                        + t.frameCount() + " frames at " + t.frameRate() + " fps, track 1 has " + frames + " at " + rate);
            }
            if (!(weights[k] >= 0) || Double.isInfinite(weights[k])) {
                throw new InvalidParameterException("f0_method_weight", "weights must be finite and >= 0");
            }
            total += weights[k];
        }
        if (!(total > 0)) {
            throw new InvalidParameterException("f0_method_weight", "weights must not all be 0");
        }
        int n = tracks.size();
        float[][] values = new float[n][];
        for (int k = 0; k < n; k++) {
            values[k] = tracks.get(k).f0Hz();
        }
        float[] out = new float[frames];
        float[] column = new float[n];
        for (int i = 0; i < frames; i++) {
            int valid = 0;
            double validTotal = 0;
            for (int k = 0; k < n; k++) {
                column[k] = values[k][i];
                if (!Float.isNaN(column[k])) {
                    valid++;
                    validTotal += weights[k];
                }
            }
            Integer[] order = new Integer[valid];
            for (int k = 0, j = 0; k < n; k++) {
                if (!Float.isNaN(column[k])) {
                    order[j++] = k;
                }
            }
            out[i] = validTotal > 0 ? frameMedian(column, weights, validTotal, order) : 0f;
        }
        return PitchTrack.wrap(out, rate);
    }

    private static float frameMedian(float[] v, double[] w, double total, Integer[] order) {
        Arrays.sort(order, (a, b) -> Float.compare(v[a], v[b]));
        double half = total / 2;
        double cumulative = 0;
        for (int j = 0; j < order.length; j++) {
            cumulative += w[order[j]];
            if (Math.abs(cumulative - half) <= HALF_TOLERANCE * total) {
                int next = j + 1;
                while (next < order.length && w[order[next]] == 0) {
                    next++;
                }
                return next < order.length ? (float) ((v[order[j]] + (double) v[order[next]]) / 2.0) : v[order[j]];
            }
            if (cumulative > half) {
                return v[order[j]];
            }
        }
        return v[order[order.length - 1]];
    }
}
