package io.rvc4j.engine.hubert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import io.rvc4j.engine.nn.Pieces;

/**
 * One fairseq {@code TransformerSentenceEncoderLayer} with {@code layer_norm_first = False} (post-LN), as in
 * HuBERT-base: {@code x = LN1(x + MHA(x)); x = LN2(x + fc2(gelu(fc1(x))))} (reference note section 5.3 step 4.5).
 * Attention: {@code q = q_proj(x) · head_dim^-0.5}, softmax over keys, no mask (RVC's padding mask is all False).
 */
final class DjlTransformerLayer {
    private final int heads;
    private final long dim;
    private final float eps;
    private final NDArray qW;
    private final NDArray qB;
    private final NDArray kW;
    private final NDArray kB;
    private final NDArray vW;
    private final NDArray vB;
    private final NDArray oW;
    private final NDArray oB;
    private final NDArray ln1W;
    private final NDArray ln1B;
    private final NDArray fc1W;
    private final NDArray fc1B;
    private final NDArray fc2W;
    private final NDArray fc2B;
    private final NDArray ln2W;
    private final NDArray ln2B;
    private final float scaling;

    /** Query rows per attention block (see {@link #attention}). */
    static final int QUERY_BLOCK = 256;

    DjlTransformerLayer(HubertWeights w, int index, long dim, int heads, double eps) {
        String p = "encoder.layers." + index + ".";
        if (dim % heads != 0) {
            throw new io.rvc4j.core.error.InvalidModelFileException("HuBERT width " + dim + " does not divide into "
                    + heads + " heads");
        }
        this.heads = heads;
        this.dim = dim;
        this.eps = (float) eps;
        this.scaling = (float) Math.pow((double) dim / heads, -0.5);
        qW = w.linearTransposed(p + "self_attn.q_proj", dim, dim);
        qB = w.vector(p + "self_attn.q_proj.bias", dim);
        kW = w.linearTransposed(p + "self_attn.k_proj", dim, dim);
        kB = w.vector(p + "self_attn.k_proj.bias", dim);
        vW = w.linearTransposed(p + "self_attn.v_proj", dim, dim);
        vB = w.vector(p + "self_attn.v_proj.bias", dim);
        oW = w.linearTransposed(p + "self_attn.out_proj", dim, dim);
        oB = w.vector(p + "self_attn.out_proj.bias", dim);
        ln1W = w.vector(p + "self_attn_layer_norm.weight", dim);
        ln1B = w.vector(p + "self_attn_layer_norm.bias", dim);
        long ffn = w.shape(p + "fc1.weight")[0];
        fc1W = w.linearTransposed(p + "fc1", dim, ffn);
        fc1B = w.vector(p + "fc1.bias", ffn);
        fc2W = w.linearTransposed(p + "fc2", ffn, dim);
        fc2B = w.vector(p + "fc2.bias", dim);
        ln2W = w.vector(p + "final_layer_norm.weight", dim);
        ln2B = w.vector(p + "final_layer_norm.bias", dim);
    }

    /**
     * {@code x}: {@code [T, dim]}, consumed (freed); the result lives on {@code x}'s manager. The layer's temporaries
     * (among them the {@code [heads, T, T]} attention matrix) live in a sub-manager closed on return, so peak memory is
     * one layer's.
     */
    NDArray forward(NDArray x) {
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            x.attach(scope);
            NDArray out = compute(x);
            out.attach(owner);
            return out;
        }
    }

    private NDArray compute(NDArray x) {
        long t = x.getShape().get(0);
        long hd = dim / heads;
        NDArray q = x.matMul(qW).add(qB).mul(scaling).reshape(t, heads, hd).transpose(1, 0, 2);
        NDArray k = x.matMul(kW).add(kB).reshape(t, heads, hd).transpose(1, 2, 0);
        NDArray v = x.matMul(vW).add(vB).reshape(t, heads, hd).transpose(1, 0, 2);
        NDArray o = attention(q, k, v, QUERY_BLOCK).transpose(1, 0, 2).reshape(t, dim).matMul(oW).add(oB);
        NDArray h = layerNorm(x.add(o), ln1W, ln1B);
        NDArray f = Activation.gelu(h.matMul(fc1W).add(fc1B)).matMul(fc2W).add(fc2B);
        return layerNorm(h.add(f), ln2W, ln2B);
    }

    /**
     * {@code softmax(q k) v} per head, {@code block} query rows at a time ({@link #QUERY_BLOCK} in use): softmax is
     * row-wise, so the blocks give the same numbers as the whole {@code [heads, T, T]} matrix, which for 30 s
     * (T = 1 500) is 108 MB written and read twice per layer and never in cache; a block's is 18 MB.
     *
     * @param q {@code [heads, T, hd]} (scaled), {@code k} {@code [heads, hd, T]}, {@code v} {@code [heads, T, hd]}
     * @return {@code [heads, T, hd]}
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, int block) {
        return Pieces.joined(q.getManager(), 0, q.getShape().get(1), block, 1, (start, end, scope) -> {
            NDArray rows = q.get(new NDIndex(":, {}:{}, :", start, end));
            rows.attach(scope);
            return rows.matMul(k).softmax(-1).matMul(v);
        });
    }

    private NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return LayerNorm.layerNorm(x, new Shape(dim), weight, bias, eps).singletonOrThrow();
    }
}
