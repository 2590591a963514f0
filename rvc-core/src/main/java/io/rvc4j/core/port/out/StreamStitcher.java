package io.rvc4j.core.port.out;

/** Joins independently converted blocks of a stream without clicks (SOLA: synchronous overlap-add). */
public interface StreamStitcher {

    /** Starts a new stream's stitching state. */
    Splice open(int crossfadeFrames, int searchFrames);

    /** Per-stream state; not thread-safe. */
    interface Splice {
        /**
         * Takes the newest converted audio, at least {@code outputFrames + crossfade + search} frames long and ending at
         * the newest input sample, aligns it with the previous block's held-back tail, crossfades, and returns exactly
         * {@code outputFrames} frames.
         */
        float[] next(float[] convertedTail, int outputFrames);
    }
}
