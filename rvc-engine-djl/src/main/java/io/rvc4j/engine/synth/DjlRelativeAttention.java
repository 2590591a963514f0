package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.engine.nn.Pieces;

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
    /** Query rows per block (see {@link #apply(NDArray, int)}). */
    static final int QUERY_BLOCK = 256;

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
        return apply(x, QUERY_BLOCK);
    }

    /**
     * As {@link #apply(NDArray)}, {@code block} query rows at a time: every row's softmax and relative terms depend
     * only on that row, so the result is the same, but the {@code [heads, rows, T]} temporaries (logits, gathered
     * relative logits, probabilities, their padded copy, int64 gather indices) stay a few MB instead of
     * {@code 2 x T x T} floats each (82 MB at 32 s).
     */
    NDArray apply(NDArray x, int block) {
        long t = x.getShape().get(2);
        NDArray q = split(DjlOps.conv1d(x, wq, bq, 1, 0, 1), t).div((float) Math.sqrt(headDim));
        NDArray k = split(DjlOps.conv1d(x, wk, bk, 1, 0, 1), t);
        NDArray v = split(DjlOps.conv1d(x, wv, bv, 1, 0, 1), t);
        NDArray kT = k.transpose(0, 2, 1);
        NDArray out = Pieces.joined(q.getManager(), 0, t, block, 1, (start, end, scope) ->
                rows(q.get(new NDIndex(":, {}:{}, :", start, end)), kT, v, start, end, t, scope));
        NDArray merged = out.transpose(0, 2, 1).reshape(1, (long) heads * headDim, t);
        return DjlOps.conv1d(merged, wo, bo, 1, 0, 1);
    }

    /** Output rows {@code [start, end)}: {@code qRows [h, n, d]} against all keys; temporaries on {@code scope}. */
    private NDArray rows(NDArray qRows, NDArray kT, NDArray v, long start, long end, long t, NDManager scope) {
        qRows.attach(scope);
        long n = end - start;
        NDArray scores = qRows.matMul(kT);
        // Relative key logits: [h, n, 2W+3] gathered at column clip(j - i, -W-1, W+1) + W + 1.
        NDArray cols = scope.arange(0, (int) t, 1, DataType.INT64).reshape(1, t);
        NDArray rowPos = scope.arange((int) start, (int) end, 1, DataType.INT64).reshape(n, 1);
        NDArray keyIndex = cols.sub(rowPos).clip(-WINDOW - 1, WINDOW + 1).add(WINDOW + 1).broadcast(heads, n, t);
        NDArray relLogits = qRows.matMul(relKeysT);
        scores.addi(relLogits.gather(keyIndex, 2));
        NDArray probs = scores.softmax(2);

        NDArray out = probs.matMul(v);
        // Relative values: P[h, i, i + r] for r in -W..W, read from P padded by W zeros on both sides of j.
        NDArray band = rowPos
                .add(scope.arange(0, 2 * WINDOW + 1, 1, DataType.INT64).reshape(1, -1))
                .broadcast(heads, n, 2 * WINDOW + 1);
        NDArray padded = probs.pad(new Shape(WINDOW, WINDOW), 0);
        return out.addi(padded.gather(band, 2).matMul(relValues));
    }
    /** {@code [1, C, T]} to {@code [heads, T, d]} with channel {@code c = h * d + e}. */
    private NDArray split(NDArray y, long t) {
        return y.reshape(heads, headDim, t).transpose(0, 2, 1);
    }
}
