package io.rvc4j.engine.pitch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData;
import java.util.Arrays;
import java.util.Map;

/** A named weight table read from a checkpoint, turned into fp32 NDArrays on the model's manager. */
final class StateDict {
    private final Map<String, TensorData> tensors;
    private final String source;
    private final NDManager manager;

    StateDict(Map<String, TensorData> tensors, String source, NDManager manager) {
        this.tensors = tensors;
        this.source = source;
        this.manager = manager;
    }

    boolean has(String key) {
        return tensors.containsKey(key);
    }

    /** The tensor as fp32 values; fp16 and bf16 are widened exactly. */
    float[] floats(String key, long... expectedShape) {
        TensorData t = require(key);
        if (expectedShape.length > 0 && !Arrays.equals(t.shape(), expectedShape)) {
            throw new InvalidModelFileException(source + ": '" + key + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        return t.toFloatArray();
    }

    long[] shape(String key) {
        return require(key).shape();
    }

    NDArray array(String key) {
        TensorData t = require(key);
        return manager.create(t.toFloatArray(), new Shape(t.shape()));
    }

    NDArray array(String key, long... shape) {
        return manager.create(floats(key, shape), new Shape(shape));
    }

    /** The tensor viewed with another shape of the same element count (a (k, 1) kernel as (k)). */
    NDArray reshaped(String key, long... shape) {
        TensorData t = require(key);
        if (t.numel() != new Shape(shape).size()) {
            throw new InvalidModelFileException(source + ": '" + key + "' has shape " + Arrays.toString(t.shape())
                    + ", which cannot be viewed as " + Arrays.toString(shape));
        }
        return manager.create(t.toFloatArray(), new Shape(shape));
    }

    /** A constant made from Java values, kept for the model's lifetime. */
    NDArray constant(float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    /**
     * Eval-mode BatchNorm folded into {@code x * scale + shift}, per channel, shaped for broadcasting over
     * {@code rank}-dimensional NC... input. PyTorch's CPU kernel folds the same way ({@code alpha = w / sqrt(var + eps)},
     * {@code beta = b - mean * alpha}).
     */
    NDArray[] batchNorm(String prefix, double eps, int rank) {
        float[] w = floats(prefix + ".weight");
        float[] b = floats(prefix + ".bias");
        float[] mean = floats(prefix + ".running_mean");
        float[] var = floats(prefix + ".running_var");
        int c = w.length;
        if (b.length != c || mean.length != c || var.length != c) {
            throw new InvalidModelFileException(source + ": BatchNorm '" + prefix + "' has parameters of unequal length");
        }
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            float alpha = (float) (w[i] / Math.sqrt((double) var[i] + eps));
            scale[i] = alpha;
            shift[i] = b[i] - mean[i] * alpha;
        }
        long[] shape = new long[rank];
        Arrays.fill(shape, 1);
        shape[1] = c;
        return new NDArray[] {constant(scale, shape), constant(shift, shape)};
    }

    String source() {
        return source;
    }

    private TensorData require(String key) {
        TensorData t = tensors.get(key);
        if (t == null) {
            throw new InvalidModelFileException(source + ": missing weight '" + key + "'");
        }
        return t;
    }
}
