package io.rvc4j.engine.pipeline;

/**
 * Per-frame pitch as the synthesizer takes it: {@code coarse} (1..255, 1 = unvoiced) and {@code hz} (after the key
 * shift and the f0-file override; 0 = unvoiced), both {@code p_len} long, over the padded signal.
 */
record FramePitch(int[] coarse, float[] hz) {
    int length() {
        return hz.length;
    }
}
