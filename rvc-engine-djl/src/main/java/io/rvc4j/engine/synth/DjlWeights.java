package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.nn.DjlStateDict;
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
final class DjlWeights extends DjlStateDict {

    DjlWeights(Map<String, TensorData> tensors, NDManager manager) {
        super("synthesizer", tensors, manager);
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
        try (NDManager scope = manager().newSubManager()) {
            DjlWeights tmp = new DjlWeights(tensors(), scope);
            NDArray vv = tmp.get(v, shape);
            NDArray gg = tmp.get(g, gShape);
            int[] axes = new int[shape.length - 1];
            Arrays.setAll(axes, i -> i + 1);
            NDArray norm = vv.square().sum(axes, true).sqrt();
            NDArray w = vv.mul(gg.div(norm));
            w.attach(manager());
            return w;
        }
    }
}
