package io.rvc4j.engine.hubert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData;
import java.util.Arrays;
import java.util.Map;

/** A fairseq-named HuBERT state dict turned into fp32 NDArrays on the encoder's manager, shapes checked. */
final class HubertWeights {
    private final Map<String, TensorData> tensors;
    private final NDManager manager;

    HubertWeights(Map<String, TensorData> tensors, NDManager manager) {
        this.tensors = tensors;
        this.manager = manager;
    }

    NDManager manager() {
        return manager;
    }

    boolean has(String name) {
        return tensors.containsKey(name);
    }

    long[] shape(String name) {
        return require(name).shape();
    }

    /** Tensor {@code name} as fp32; {@code shape} entries of -1 accept any size on that axis. */
    NDArray get(String name, long... shape) {
        TensorData t = require(name);
        long[] s = t.shape();
        boolean ok = s.length == shape.length;
        for (int i = 0; ok && i < s.length; i++) {
            ok = shape[i] < 0 || shape[i] == s[i];
        }
        if (!ok) {
            throw new InvalidModelFileException("HuBERT weight '" + name + "' has shape " + Arrays.toString(s)
                    + ", expected " + Arrays.toString(shape).replace("-1", "*"));
        }
        return manager.create(t.toFloatArray(), new Shape(s));
    }

    /** A {@code Linear}'s weight transposed to {@code [in, out]} (so that {@code x.matMul(w)} applies it). */
    NDArray linearTransposed(String prefix, long in, long out) {
        return get(prefix + ".weight", out, in).transpose();
    }

    NDArray vector(String name, long n) {
        return get(name, n);
    }

    private TensorData require(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new InvalidModelFileException("HuBERT weight '" + name + "' is missing (fairseq naming expected)");
        }
        return t;
    }
}
