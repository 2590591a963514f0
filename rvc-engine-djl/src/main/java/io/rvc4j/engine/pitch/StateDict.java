package io.rvc4j.engine.pitch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.nn.DjlStateDict;
import java.util.Arrays;
import java.util.Map;

/** A named weight table read from a checkpoint, turned into fp32 NDArrays on the model's manager. */
final class StateDict extends DjlStateDict {

    StateDict(Map<String, TensorData> tensors, String source, NDManager manager) {
        super(source, tensors, manager);
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
            throw new InvalidModelFileException(label() + ": BatchNorm '" + prefix + "' has parameters of unequal length");
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
}
