package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData;
import java.util.Arrays;
import java.util.Map;

/**
 * The state dict of a synthesizer turned into fp32 NDArrays on the model's manager, with the shape of every tensor
 * checked against what the config implies and weight normalisation folded once.
 *
 * <p>Weight norm (reference note section 1.5): {@code w = g * v / ||v||}, the norm taken over every axis but axis 0.
 * For a ConvTranspose1d axis 0 is the input channel, so the same formula gives its per-input-channel norm. Both
 * spellings are accepted: {@code weight_g}/{@code weight_v} (classic API, RVC) and
 * {@code parametrizations.weight.original0}/{@code original1} (new API, Applio); a plain {@code weight} (norm already
 * removed) is accepted too.
 */
final class DjlWeights {

    private final Map<String, TensorData> tensors;
    private final NDManager manager;

    DjlWeights(Map<String, TensorData> tensors, NDManager manager) {
        this.tensors = tensors;
        this.manager = manager;
    }

    NDManager manager() {
        return manager;
    }

    boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor {@code name} as fp32 on the model's device; its shape must be {@code shape}. */
    NDArray get(String name, long... shape) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new InvalidModelFileException("synthesizer weight '" + name + "' is missing");
        }
        checkShape(name, t.shape(), shape);
        return manager.create(t.toFloatArray(), new Shape(t.shape()));
    }

    /** The rows of {@code name} (axis 0), whatever their count; the other axes must match {@code tail}. */
    long rows(String name, long... tail) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new InvalidModelFileException("synthesizer weight '" + name + "' is missing");
        }
        long[] s = t.shape();
        if (s.length != tail.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), tail)) {
            throw new InvalidModelFileException("synthesizer weight '" + name + "' has shape " + Arrays.toString(s)
                    + ", expected [n, " + Arrays.toString(tail).replace("[", ""));
        }
        return s[0];
    }

    /** The effective weight of a weight-normed layer {@code prefix} (g, v folded), of shape {@code shape}. */
    NDArray normed(String prefix, long... shape) {
        String g = prefix + ".weight_g";
        String v = prefix + ".weight_v";
        if (!has(g)) {
            g = prefix + ".parametrizations.weight.original0";
            v = prefix + ".parametrizations.weight.original1";
        }
        if (!has(g) && has(prefix + ".weight")) {
            return get(prefix + ".weight", shape);
        }
        long[] gShape = new long[shape.length];
        Arrays.fill(gShape, 1);
        gShape[0] = shape[0];
        try (NDManager scope = manager.newSubManager()) {
            DjlWeights tmp = new DjlWeights(tensors, scope);
            NDArray vv = tmp.get(v, shape);
            NDArray gg = tmp.get(g, gShape);
            int[] axes = new int[shape.length - 1];
            Arrays.setAll(axes, i -> i + 1);
            NDArray norm = vv.square().sum(axes, true).sqrt();
            NDArray w = vv.mul(gg.div(norm));
            w.attach(manager);
            return w;
        }
    }

    private static void checkShape(String name, long[] actual, long[] expected) {
        if (!Arrays.equals(actual, expected)) {
            throw new InvalidModelFileException("synthesizer weight '" + name + "' has shape "
                    + Arrays.toString(actual) + ", expected " + Arrays.toString(expected));
        }
    }
}
