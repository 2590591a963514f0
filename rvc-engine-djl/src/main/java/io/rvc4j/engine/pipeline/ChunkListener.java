package io.rvc4j.engine.pipeline;

import ai.djl.ndarray.NDArray;

/** Sees the intermediates of each chunk (parity tests, diagnostics); arrays are valid only during the call. */
interface ChunkListener {
    ChunkListener NONE = (index, features, phone, pitch) -> { };

    /**
     * @param features HuBERT output {@code [T', C]} before retrieval
     * @param phone the synthesizer input {@code [1, p_len, C]} (retrieved, upsampled, protected)
     * @param pitch the chunk's coarse and Hz pitch (null for no-f0 models)
     */
    void onChunk(int index, NDArray features, NDArray phone, FramePitch pitch);
}
