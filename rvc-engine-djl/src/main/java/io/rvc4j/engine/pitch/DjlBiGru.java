package io.rvc4j.engine.pitch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidModelFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code nn.GRU(bidirectional=True, batch_first=True)} with h0 = 0, built from two unidirectional GRUs per
 * layer: DJL's bidirectional GRU on the PyTorch engine passes the parameters in a layout torch rejects, so the
 * backward direction runs forward over the time-reversed input and its output is reversed back
 * ({@code [fw(x) | flip(bw(flip(x)))]}). Gate order and maths are torch's (r, z, n).
 */
final class DjlBiGru {
    private final List<NDList> forward = new ArrayList<>();
    private final List<NDList> backward = new ArrayList<>();
    private final int hidden;

    DjlBiGru(StateDict sd, String prefix) {
        if (!sd.has(prefix + ".weight_hh_l0")) {
            throw new InvalidModelFileException(sd.label() + ": missing the BiGRU '" + prefix + ".weight_hh_l0'");
        }
        hidden = (int) sd.shape(prefix + ".weight_hh_l0")[1];
        for (int l = 0; sd.has(prefix + ".weight_ih_l" + l); l++) {
            forward.add(params(sd, prefix, "_l" + l));
            backward.add(params(sd, prefix, "_l" + l + "_reverse"));
        }
    }

    int hiddenSize() {
        return hidden;
    }

    /** [1, T, in] -> [1, T, 2 * hidden]; intermediate arrays on {@code m}. */
    NDArray forward(NDManager m, NDArray x) {
        for (int l = 0; l < forward.size(); l++) {
            NDArray fw = run(m, x, forward.get(l));
            NDArray bw = run(m, x.flip(1), backward.get(l)).flip(1);
            x = fw.concat(bw, 2);
        }
        return x;
    }

    private NDArray run(NDManager m, NDArray x, NDList params) {
        NDArray h0 = m.zeros(new Shape(1, x.getShape().get(0), hidden));
        NDList out = x.getNDArrayInternal().gru(x, h0, params, true, 1, 0, false, false, true);
        return out.get(0);
    }

    private static NDList params(StateDict sd, String prefix, String suffix) {
        long[] hh = sd.shape(prefix + ".weight_hh" + suffix);
        long h = hh[1];
        long in = sd.shape(prefix + ".weight_ih" + suffix)[1];
        return new NDList(sd.get(prefix + ".weight_ih" + suffix, 3 * h, in),
                sd.get(prefix + ".weight_hh" + suffix, 3 * h, h),
                sd.get(prefix + ".bias_ih" + suffix, 3 * h),
                sd.get(prefix + ".bias_hh" + suffix, 3 * h));
    }
}
