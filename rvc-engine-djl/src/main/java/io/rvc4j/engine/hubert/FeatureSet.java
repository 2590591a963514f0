package io.rvc4j.engine.hubert;

import io.rvc4j.core.error.InvalidModelFileException;

/** Which HuBERT output a voice model consumes (reference note section 3.9 step 1). */
public enum FeatureSet {
    /** RVC v1: output of transformer layer 9 (1-based) through {@code final_proj}, 256-d for ContentVec. */
    V1,
    /** RVC v2: output of the last transformer layer, 768-d for ContentVec. */
    V2;

    /** RVC's {@code output_layer} for v1. */
    public static final int V1_OUTPUT_LAYER = 9;

    /** From a checkpoint's {@code version} string ({@code v1} or {@code v2}). */
    public static FeatureSet of(String version) {
        return switch (version) {
            case "v1" -> V1;
            case "v2" -> V2;
            default -> throw new InvalidModelFileException("model version must be v1 or v2, got '" + version + "'");
        };
    }
}
