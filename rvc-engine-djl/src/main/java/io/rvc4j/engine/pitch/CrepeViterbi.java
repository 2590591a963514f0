package io.rvc4j.engine.pitch;

import java.util.Arrays;

/**
 * torchcrepe's default decoder ({@code decode.viterbi}): softmax over the 360 sigmoid outputs as if they were logits,
 * then librosa's {@code sequence.viterbi} with transitions {@code M[i][j] ∝ max(12 - |i - j|, 0)} (rows normalised),
 * a uniform start, and every probability taken as {@code log(p + tiny)} with tiny the smallest normal float32.
 * Bins outside [fmin, fmax] enter as -inf logits, so their probability is 0 and their log is log(tiny).
 */
final class CrepeViterbi {
    private static final int BINS = DjlCrepeNet.BINS;
    /** Transition half-width: |i - j| < 12 (torchcrepe decode.viterbi). */
    private static final int REACH = 11;
    /** np.finfo(float32).tiny: librosa adds it before every log. */
    private static final double TINY = Float.MIN_NORMAL;
    private static final double LOG_TINY = Math.log(TINY);
    /** log of a transition row entry, [from][to]; entries out of reach are log(tiny). */
    private static final double[][] LOG_TRANS = logTransitions();
    private static final double LOG_INIT = Math.log(1.0 / BINS + TINY);

    private CrepeViterbi() {}

    /**
     * Decodes frames {@code [from, to)} of {@code probs} (row-major [frames, 360], -inf outside the allowed range) as
     * one independent sequence, as torchcrepe does per batch.
     */
    static int[] decode(float[] probs, int from, int to) {
        int n = to - from;
        double[][] logp = new double[n][];
        for (int t = 0; t < n; t++) {
            logp[t] = logSoftmax(probs, (from + t) * BINS);
        }
        int[][] ptr = new int[n][BINS];
        double[] value = new double[BINS];
        double[] next = new double[BINS];
        for (int j = 0; j < BINS; j++) {
            value[j] = logp[0][j] + LOG_INIT;
        }
        int[] top = new int[2 * REACH + 2];
        for (int t = 1; t < n; t++) {
            topStates(value, top);
            for (int j = 0; j < BINS; j++) {
                int lo = Math.max(0, j - REACH);
                int hi = Math.min(BINS - 1, j + REACH);
                int best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                // The best predecessor out of reach is the first of the top states outside [lo, hi]: at most
                // 2 * REACH + 1 states are in reach, so one of the 2 * REACH + 2 best lies outside.
                for (int i : top) {
                    if (i < lo || i > hi) {
                        best = i;
                        bestValue = value[i] + LOG_TINY;
                        break;
                    }
                }
                for (int i = lo; i <= hi; i++) {
                    double c = value[i] + LOG_TRANS[i][j];
                    if (c > bestValue || (c == bestValue && i < best)) {
                        bestValue = c;
                        best = i;
                    }
                }
                ptr[t][j] = best;
                next[j] = logp[t][j] + bestValue;
            }
            double[] swap = value;
            value = next;
            next = swap;
        }
        int[] states = new int[n];
        states[n - 1] = argmax(value);
        for (int t = n - 1; t > 0; t--) {
            states[t - 1] = ptr[t][states[t]];
        }
        return states;
    }

    /** Hz of a bin centre without torchcrepe's random dither (its expected value): 10 * 2^(cents / 1200). */
    static float binToHz(int bin) {
        float cents = 20f * bin + 1997.3794084376191f;
        return (float) (10 * Math.pow(2, cents / 1200.0));
    }

    /** log(softmax(row) + tiny) with float32 probabilities, as librosa sees torch's softmax output. */
    private static double[] logSoftmax(float[] probs, int base) {
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < BINS; b++) {
            max = Math.max(max, probs[base + b]);
        }
        double[] e = new double[BINS];
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            float v = probs[base + b];
            e[b] = v == Float.NEGATIVE_INFINITY ? 0 : Math.exp(v - max);
            sum += e[b];
        }
        for (int b = 0; b < BINS; b++) {
            float p = (float) (e[b] / sum);
            e[b] = (float) Math.log((float) (p + TINY));
        }
        return e;
    }

    /** Indices of the 2 * REACH + 2 largest values, largest first, ties by lower index (np.argmax order). */
    private static void topStates(double[] value, int[] top) {
        Integer[] idx = new Integer[BINS];
        for (int i = 0; i < BINS; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> value[a] != value[b] ? Double.compare(value[b], value[a]) : Integer.compare(a, b));
        for (int k = 0; k < top.length; k++) {
            top[k] = idx[k];
        }
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[][] logTransitions() {
        double[][] t = new double[BINS][BINS];
        for (int i = 0; i < BINS; i++) {
            double rowSum = 0;
            for (int j = 0; j < BINS; j++) {
                rowSum += Math.max(12 - Math.abs(i - j), 0);
            }
            for (int j = 0; j < BINS; j++) {
                t[i][j] = Math.log(Math.max(12 - Math.abs(i - j), 0) / rowSum + TINY);
            }
        }
        return t;
    }
}
