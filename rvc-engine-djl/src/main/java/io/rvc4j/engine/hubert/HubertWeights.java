package io.rvc4j.engine.hubert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.nn.DjlStateDict;
import java.util.Map;

/** A fairseq-named HuBERT state dict turned into fp32 NDArrays on the encoder's manager, shapes checked. */
final class HubertWeights extends DjlStateDict {

    HubertWeights(Map<String, TensorData> tensors, NDManager manager) {
        super("HuBERT (fairseq names)", tensors, manager);
    }

    /** A {@code Linear}'s weight transposed to {@code [in, out]} (so that {@code x.matMul(w)} applies it). */
    NDArray linearTransposed(String prefix, long in, long out) {
        return get(prefix + ".weight", out, in).transpose();
    }

    NDArray vector(String name, long n) {
        return get(name, n);
    }
}
