package io.rvc4j.adapter.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stream's counters, for the {@code {"type": "end"}} message: frames in and out, blocks, and how long a block
 * took to convert. Used by the session's own thread only.
 */
final class StreamStats {
    private final int blockFrames;
    private long inputFrames;
    private long outputFrames;
    private long convertNanos;
    private long maxBlockNanos;

    StreamStats(int blockFrames) {
        this.blockFrames = blockFrames;
    }

    void input(int frames) {
        inputFrames += frames;
    }

    void output(int frames) {
        outputFrames += frames;
    }

    /** Adds the compute time of a call since {@code startNanos} that produced {@code blocks} whole blocks. */
    void converted(long startNanos, int blocks) {
        long elapsed = System.nanoTime() - startNanos;
        if (blocks > 0) {
            convertNanos += elapsed;
            maxBlockNanos = Math.max(maxBlockNanos, elapsed / blocks);
        }
    }

    /** The end message. */
    Map<String, Object> endMessage() {
        long blocks = (outputFrames + blockFrames - 1) / blockFrames;
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("type", "end");
        end.put("input_frames", inputFrames);
        end.put("output_frames", outputFrames);
        end.put("blocks", blocks);
        // How long one block took to convert, against its duration: above block_ms the stream cannot keep up.
        end.put("mean_block_compute_ms", blocks == 0 ? 0.0 : Math.round(convertNanos / 1e5 / blocks) / 10.0);
        end.put("max_block_compute_ms", Math.round(maxBlockNanos / 1e5) / 10.0);
        return end;
    }
}
