package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import io.rvc4j.engine.nn.Scopes;

/**
 * The normalising flow run in reverse (RVC {@code ResidualCouplingBlock(reverse=True)}, reference note sections
 * 2.5-2.6): four mean-only affine couplings, each preceded (in reverse order) by a channel flip.
 *
 * <p>Reverse order over {@code [RCL0, Flip, RCL1, Flip, RCL2, Flip, RCL3, Flip]} is Flip, RCL3⁻¹, Flip, RCL2⁻¹, ...;
 * each {@code RCL⁻¹} keeps {@code x0} (first half) and sets {@code x1 = x1 - post(WN(pre(x0), g))}.
 */
final class DjlFlow {

    /** Coupling layers of {@code ResidualCouplingBlock} (n_flows, hard-coded in RVC's synthesizers). */
    static final int FLOWS = 4;
    /** WN layers per coupling (n_layers = 3), kernel 5, dilation rate 1 (RVC {@code models.py}). */
    static final int WN_LAYERS = 3;
    static final int WN_KERNEL = 5;

    private final Coupling[] couplings = new Coupling[FLOWS];
    private final long half;
    private final long hidden;

    private record Coupling(NDArray preW, NDArray preB, NDArray condW, NDArray condB, NDArray[] inW, NDArray[] inB,
            NDArray[] resW, NDArray[] resB, NDArray postW, NDArray postB) {
    }

    DjlFlow(DjlWeights w, SynthesizerConfig c) {
        this.half = c.interChannels() / 2;
        this.hidden = c.hiddenChannels();
        long gin = c.ginChannels();
        for (int f = 0; f < FLOWS; f++) {
            String p = "flow.flows." + (2 * f) + ".";
            NDArray[] inW = new NDArray[WN_LAYERS];
            NDArray[] inB = new NDArray[WN_LAYERS];
            NDArray[] resW = new NDArray[WN_LAYERS];
            NDArray[] resB = new NDArray[WN_LAYERS];
            for (int i = 0; i < WN_LAYERS; i++) {
                inW[i] = w.normed(p + "enc.in_layers." + i, 2 * hidden, hidden, WN_KERNEL);
                inB[i] = w.get(p + "enc.in_layers." + i + ".bias", 2 * hidden);
                long resOut = i < WN_LAYERS - 1 ? 2 * hidden : hidden;
                resW[i] = w.normed(p + "enc.res_skip_layers." + i, resOut, hidden, 1);
                resB[i] = w.get(p + "enc.res_skip_layers." + i + ".bias", resOut);
            }
            couplings[f] = new Coupling(w.get(p + "pre.weight", hidden, half, 1), w.get(p + "pre.bias", hidden),
                    w.normed(p + "enc.cond_layer", 2 * hidden * WN_LAYERS, gin, 1),
                    w.get(p + "enc.cond_layer.bias", 2 * hidden * WN_LAYERS), inW, inB, resW, resB,
                    w.get(p + "post.weight", half, hidden, 1), w.get(p + "post.bias", half));
        }
    }

    /** {@code z_p [1, inter, T]} and speaker embedding {@code g [1, gin, 1]} to {@code z [1, inter, T]}. */
    NDArray reverse(NDArray zp, NDArray g) {
        NDArray x = zp;
        for (int f = FLOWS - 1; f >= 0; f--) {
            Coupling cpl = couplings[f];
            x = Scopes.keep(x, in -> inverseCoupling(in.flip(1), g, cpl));
        }
        return x;
    }

    private NDArray inverseCoupling(NDArray x, NDArray g, Coupling c) {
        NDArray x0 = x.get(new NDIndex(":, 0:{}", half));
        NDArray x1 = x.get(new NDIndex(":, {}:", half));
        NDArray h = DjlOps.conv1d(x0, c.preW(), c.preB(), 1, 0, 1);
        NDArray gc = DjlOps.conv1d(g, c.condW(), c.condB(), 1, 0, 1);
        NDArray out = null;
        for (int i = 0; i < WN_LAYERS; i++) {
            NDArray a = DjlOps.conv1dSame(h, c.inW()[i], c.inB()[i], 1)
                    .add(gc.get(new NDIndex(":, {}:{}", 2 * hidden * i, 2 * hidden * (i + 1))));
            NDArray acts = a.get(new NDIndex(":, 0:{}", hidden)).tanh()
                    .mul(Activation.sigmoid(a.get(new NDIndex(":, {}:", hidden))));
            NDArray rs = DjlOps.conv1d(acts, c.resW()[i], c.resB()[i], 1, 0, 1);
            if (i < WN_LAYERS - 1) {
                h = h.add(rs.get(new NDIndex(":, 0:{}", hidden)));
                NDArray skip = rs.get(new NDIndex(":, {}:", hidden));
                out = out == null ? skip : out.add(skip);
            } else {
                out = out == null ? rs : out.add(rs);
            }
        }
        NDArray m = DjlOps.conv1d(out, c.postW(), c.postB(), 1, 0, 1);
        return x0.concat(x1.sub(m), 1);
    }
}
