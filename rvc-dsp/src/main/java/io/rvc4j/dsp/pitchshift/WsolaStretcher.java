package io.rvc4j.dsp.pitchshift;

/**
 * Time-scale modification by WSOLA (W. Verhelst and M. Roelands, "An overlap-add technique based on waveform
 * similarity (WSOLA) for high quality time-scale modification of speech", ICASSP 1993), with SoX {@code tempo}'s
 * default profile: 82 ms segments, 12 ms overlap, 14.68 ms search (aicovergen-pipeline.md 4.5). Each output segment
 * is copied unchanged from the input, starting at the position within the search window whose first overlap best
 * matches (normalised cross-correlation on the channel sum) the natural continuation of the previous segment, and
 * joined with a raised-cosine crossfade. Copying whole segments keeps every frequency exact; all channels share one
 * alignment, so the stereo image holds.
 */
final class WsolaStretcher {
    /** SoX tempo defaults for music (tempo.c: segment 82 ms, search segment/5.587, overlap segment/6.833). */
    static final double SEGMENT_SECONDS = 0.082;
    static final double SEARCH_SECONDS = SEGMENT_SECONDS / 5.587;
    static final double OVERLAP_SECONDS = SEGMENT_SECONDS / 6.833;

    private final int segment;
    private final int overlap;
    private final int search;
    private final float[] fadeIn;

    WsolaStretcher(int sampleRate) {
        this.segment = Math.max(16, (int) Math.round(SEGMENT_SECONDS * sampleRate));
        this.overlap = Math.max(4, (int) Math.round(OVERLAP_SECONDS * sampleRate));
        this.search = Math.max(2, (int) Math.round(SEARCH_SECONDS * sampleRate));
        this.fadeIn = new float[overlap];
        for (int i = 0; i < overlap; i++) {
            double s = Math.sin(0.5 * Math.PI * (i + 0.5) / overlap);
            fadeIn[i] = (float) (s * s);
        }
    }

    /** Stretches every channel to exactly {@code outLength} frames (longer = slower, pitch unchanged). */
    float[][] stretch(float[][] in, int outLength) {
        int n = in[0].length;
        int channels = in.length;
        float[][] out = new float[channels][outLength + segment];
        float[] mix = sum(in);
        int hop = segment - overlap;
        double inHop = (double) hop * n / Math.max(1, outLength);
        int previous = 0; // input start of the previous segment
        for (int k = 0, outPos = 0; outPos < outLength; k++, outPos += hop) {
            int start;
            if (k == 0) {
                start = 0;
            } else {
                int nominal = (int) Math.round(k * inHop) - search / 2;
                start = bestStart(mix, previous + hop, nominal, n);
            }
            for (int c = 0; c < channels; c++) {
                place(in[c], out[c], start, outPos, k == 0);
            }
            previous = start;
        }
        for (int c = 0; c < channels; c++) {
            out[c] = java.util.Arrays.copyOf(out[c], outLength);
        }
        return out;
    }

    /** The candidate start in [nominal, nominal + search] whose overlap best matches x[natural, natural + overlap). */
    private int bestStart(float[] x, int natural, int nominal, int n) {
        int lo = Math.max(0, nominal);
        int hi = Math.min(nominal + search, n - overlap);
        if (hi < lo) {
            return Math.max(0, Math.min(nominal, n - 1));
        }
        int best = lo;
        double bestScore = Double.NEGATIVE_INFINITY;
        double energy = 0;
        for (int j = 0; j < overlap; j++) {
            energy += at(x, lo + j) * at(x, lo + j);
        }
        for (int c = lo; c <= hi; c++) {
            double dot = 0;
            for (int j = 0; j < overlap; j++) {
                dot += at(x, natural + j) * x[c + j];
            }
            double score = dot / Math.sqrt(energy + 1e-12);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
            double leaving = x[c];
            double entering = at(x, c + overlap);
            energy = Math.max(0, energy - leaving * leaving + entering * entering);
        }
        return best;
    }

    private void place(float[] x, float[] y, int start, int outPos, boolean first) {
        for (int j = 0; j < segment && outPos + j < y.length; j++) {
            float v = at(x, start + j);
            if (j < overlap && !first) {
                y[outPos + j] = y[outPos + j] * (1f - fadeIn[j]) + v * fadeIn[j];
            } else {
                y[outPos + j] = v;
            }
        }
    }

    private static float at(float[] x, int i) {
        return i >= 0 && i < x.length ? x[i] : 0f;
    }

    private static float[] sum(float[][] in) {
        if (in.length == 1) {
            return in[0];
        }
        float[] s = new float[in[0].length];
        for (float[] ch : in) {
            for (int i = 0; i < s.length; i++) {
                s[i] += ch[i];
            }
        }
        return s;
    }
}
