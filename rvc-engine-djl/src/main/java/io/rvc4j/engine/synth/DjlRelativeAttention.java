package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Self-attention with windowed relative positions, RVC {@code attentions.MultiHeadAttention} with
 * {@code window_size = 10} and one table shared by all heads (reference note section 2.4).
 *
 * <p>For heads {@code h}, query {@code i}, key {@code j}: logits
 * {@code Qs[h,i]·K[h,j] + Qs[h,i]·Ek[j-i+W]} (the relative term only for {@code |j-i| <= W}) with
 * {@code Qs = Q / sqrt(d)}; output {@code sum_j P[h,i,j] (V[h,j] + Ev[j-i+W])}. The banded relative terms are done
 * with gathers instead of the reference's pad-and-skew, which is the same mapping. Inputs are whole sequences of
 * batch 1 (no padding frames), so the attention mask is all ones and is not applied.
 */
final class DjlRelativeAttention {

    /** {@code window_size} of {@code attentions.Encoder}; the text encoder keeps the default. */
    static final int WINDOW = 10;

    private final NDArray wq;
    private final NDArray bq;
    private final NDArray wk;
    private final NDArray bk;
    private final NDArray wv;
    private final NDArray bv;
    private final NDArray wo;
    private final NDArray bo;
    /** {@code emb_rel_k} with a zero row on each side, transposed: column {@code r + W + 1} for offset r. */
    private final NDArray relKeysT;
    /** {@code emb_rel_v} as {@code [2W+1, d]}. */
    private final NDArray relValues;
    private final int heads;
    private final long headDim;

    DjlRelativeAttention(DjlWeights w, String prefix, int channels, int heads) {
        this.heads = heads;
        this.headDim = channels / heads;
        this.wq = w.get(prefix + "conv_q.weight", channels, channels, 1);
        this.bq = w.get(prefix + "conv_q.bias", channels);
        this.wk = w.get(prefix + "conv_k.weight", channels, channels, 1);
        this.bk = w.get(prefix + "conv_k.bias", channels);
        this.wv = w.get(prefix + "conv_v.weight", channels, channels, 1);
        this.bv = w.get(prefix + "conv_v.bias", channels);
        this.wo = w.get(prefix + "conv_o.weight", channels, channels, 1);
        this.bo = w.get(prefix + "conv_o.bias", channels);
        NDArray ek = w.get(prefix + "emb_rel_k", 1, 2 * WINDOW + 1, headDim);
        NDManager m = w.manager();
        NDArray zero = m.zeros(new Shape(1, headDim));
        NDArray padded = zero.concat(ek.reshape(2 * WINDOW + 1, headDim)).concat(zero);
        this.relKeysT = DjlOps.transposedCopy(padded);
        this.relValues = w.get(prefix + "emb_rel_v", 1, 2 * WINDOW + 1, headDim).reshape(2 * WINDOW + 1, headDim);
        ek.close();
        zero.close();
    }

    /** {@code x [1, C, T]} to {@code [1, C, T]}. */
    NDArray apply(NDArray x) {
        long t = x.getShape().get(2);
        NDArray q = split(DjlOps.conv1d(x, wq, bq, 1, 0, 1), t).div((float) Math.sqrt(headDim));
        NDArray k = split(DjlOps.conv1d(x, wk, bk, 1, 0, 1), t);
        NDArray v = split(DjlOps.conv1d(x, wv, bv, 1, 0, 1), t);
        NDManager m = q.getManager();

        NDArray scores = q.matMul(k.transpose(0, 2, 1));
        // Relative key logits: [h, T, 2W+3] gathered at column clip(j - i, -W-1, W+1) + W + 1.
        NDArray pos = m.arange(0, (int) t, 1, DataType.INT64);
        NDArray offsets = pos.reshape(1, t).sub(pos.reshape(t, 1));
        NDArray keyIndex = offsets.clip(-WINDOW - 1, WINDOW + 1).add(WINDOW + 1).broadcast(heads, t, t);
        NDArray relLogits = q.matMul(relKeysT);
        scores = scores.add(relLogits.gather(keyIndex, 2));
        NDArray probs = scores.softmax(2);

        NDArray out = probs.matMul(v);
        // Relative values: P[h, i, i + r] for r in -W..W, read from P padded by W zeros on both sides of j.
        NDArray band = pos.reshape(t, 1).add(m.arange(0, 2 * WINDOW + 1, 1, DataType.INT64).reshape(1, -1))
                .broadcast(heads, t, 2 * WINDOW + 1);
        NDArray padded = probs.pad(new Shape(WINDOW, WINDOW), 0);
        out = out.add(padded.gather(band, 2).matMul(relValues));
        NDArray merged = out.transpose(0, 2, 1).reshape(1, (long) heads * headDim, t);
        return DjlOps.conv1d(merged, wo, bo, 1, 0, 1);
    }

    /** {@code [1, C, T]} to {@code [heads, T, d]} with channel {@code c = h * d + e}. */
    private NDArray split(NDArray y, long t) {
        return y.reshape(heads, headDim, t).transpose(0, 2, 1);
    }
}
