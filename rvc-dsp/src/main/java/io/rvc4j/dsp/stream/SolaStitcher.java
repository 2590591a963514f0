package io.rvc4j.dsp.stream;

import io.rvc4j.core.port.out.StreamStitcher;

/**
 * SOLA splicing as RVC's real-time GUI does it ({@code gui_v1.py}): the new block is shifted by the offset (within
 * {@code search} frames) whose first {@code crossfade} frames correlate best, normalised by their energy, with the
 * previous block's held-back tail; the two are joined with a raised-cosine ({@code sin^2}) crossfade; the
 * {@code crossfade} frames after the returned block are held back for the next call.
 */
public final class SolaStitcher implements StreamStitcher {

    @Override
    public Splice open(int crossfadeFrames, int searchFrames) {
        if (crossfadeFrames < 0 || searchFrames < 0) {
            throw new IllegalArgumentException("crossfade and search must be >= 0, got " + crossfadeFrames + ", "
                    + searchFrames);
        }
        return new SolaSplice(crossfadeFrames, searchFrames);
    }

    /** One stream's state. */
    static final class SolaSplice implements Splice {
        private final int crossfade;
        private final int search;
        private final float[] held;
        private final float[] fadeIn;
        private int lastOffset;

        SolaSplice(int crossfade, int search) {
            this.crossfade = crossfade;
            this.search = search;
            this.held = new float[crossfade];
            this.fadeIn = new float[crossfade];
            for (int i = 0; i < crossfade; i++) {
                double s = Math.sin(0.5 * Math.PI * (i + 0.5) / crossfade);
                fadeIn[i] = (float) (s * s);
            }
        }

        @Override
        public float[] next(float[] convertedTail, int outputFrames) {
            if (outputFrames < 0 || convertedTail.length < outputFrames + crossfade + search) {
                throw new IllegalArgumentException("need at least " + (outputFrames + crossfade + search)
                        + " frames (output + crossfade + search), got " + convertedTail.length);
            }
            int offset = bestOffset(convertedTail);
            lastOffset = offset;
            float[] out = new float[outputFrames];
            System.arraycopy(convertedTail, offset, out, 0, outputFrames);
            for (int i = 0; i < Math.min(crossfade, outputFrames); i++) {
                out[i] = out[i] * fadeIn[i] + held[i] * (1f - fadeIn[i]);
            }
            System.arraycopy(convertedTail, offset + outputFrames, held, 0, crossfade);
            return out;
        }

        /** The offset chosen by the last call, for tests and diagnostics. */
        int lastOffset() {
            return lastOffset;
        }

        private int bestOffset(float[] x) {
            if (search == 0 || crossfade == 0) {
                return 0;
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            double energy = 0;
            for (int j = 0; j < crossfade; j++) {
                energy += (double) x[j] * x[j];
            }
            for (int k = 0; k <= search; k++) {
                double dot = 0;
                for (int j = 0; j < crossfade; j++) {
                    dot += (double) x[k + j] * held[j];
                }
                // gui_v1.py adds 1e-8 under the root so silence scores 0 instead of NaN.
                double score = dot / Math.sqrt(energy + 1e-8);
                if (score > bestScore) {
                    bestScore = score;
                    best = k;
                }
                if (k < search) {
                    energy = Math.max(0, energy - (double) x[k] * x[k] + (double) x[k + crossfade] * x[k + crossfade]);
                }
            }
            return best;
        }
    }
}
