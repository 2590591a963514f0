package io.rvc4j.core.model;

/** What the mixer does with a sum that goes over full scale. */
public enum PeakPolicy {
    /** A look-ahead peak limiter to -0.1 dBFS: no clipping, no audible pumping on short peaks. The default. */
    LIMIT,
    /** AICoverGen's behaviour: pydub sums 16-bit samples and clips hard at full scale. */
    CLIP
}
