package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.nn.Scopes;

/**
 * The prior encoder {@code enc_p} (RVC {@code models.TextEncoder} over {@code attentions.Encoder}, reference note
 * sections 2.3-2.4): phone features (+ coarse pitch embedding) to the prior mean {@code m_p} and log-scale
 * {@code logs_p}, each {@code [1, inter, T]}.
 */
final class DjlTextEncoder {

    /** Slope of the leaky ReLU after the input embedding ({@code TextEncoder.lrelu}). */
    private static final float EMBED_SLOPE = 0.1f;
    /** Rows of {@code emb_pitch}: coarse pitch 0..255. */
    static final int PITCH_BINS = 256;

    /** {@code emb_phone.weight} transposed to {@code [C, hidden]}. */
    private final NDArray embWeightT;
    private final NDArray embBias;
    private final NDArray pitchTable;
    private final Layer[] layers;
    private final NDArray projWeight;
    private final NDArray projBias;
    private final float embedScale;
    private final long inter;

    private record Layer(DjlRelativeAttention attention, NDArray ln1Gamma, NDArray ln1Beta, NDArray ffn1W,
            NDArray ffn1B, NDArray ffn2W, NDArray ffn2B, NDArray ln2Gamma, NDArray ln2Beta) {
    }

    DjlTextEncoder(DjlWeights w, SynthesizerConfig c) {
        int h = c.hiddenChannels();
        int f = c.filterChannels();
        int k = c.kernelSize();
        if (k % 2 == 0) {
            throw new InvalidModelFileException("synthesizer config: FFN kernel_size must be odd, got " + k);
        }
        this.inter = c.interChannels();
        this.embedScale = (float) Math.sqrt(h);
        this.embWeightT = DjlOps.transposedCopy(w.get("enc_p.emb_phone.weight", h, c.phoneChannels()));
        this.embBias = w.get("enc_p.emb_phone.bias", h);
        this.pitchTable = c.f0() ? w.get("enc_p.emb_pitch.weight", PITCH_BINS, h) : null;
        this.layers = new Layer[c.layers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "enc_p.encoder.";
            layers[l] = new Layer(new DjlRelativeAttention(w, p + "attn_layers." + l + ".", h, c.heads()),
                    w.get(p + "norm_layers_1." + l + ".gamma", h).reshape(1, h, 1),
                    w.get(p + "norm_layers_1." + l + ".beta", h).reshape(1, h, 1),
                    w.get(p + "ffn_layers." + l + ".conv_1.weight", f, h, k),
                    w.get(p + "ffn_layers." + l + ".conv_1.bias", f),
                    w.get(p + "ffn_layers." + l + ".conv_2.weight", h, f, k),
                    w.get(p + "ffn_layers." + l + ".conv_2.bias", h),
                    w.get(p + "norm_layers_2." + l + ".gamma", h).reshape(1, h, 1),
                    w.get(p + "norm_layers_2." + l + ".beta", h).reshape(1, h, 1));
        }
        this.projWeight = w.get("enc_p.proj.weight", 2L * inter, h, 1);
        this.projBias = w.get("enc_p.proj.bias", 2L * inter);
    }

    /**
     * @param phone {@code [1, T, C]} fp32
     * @param pitch {@code [1, T]} int64 coarse pitch, or null for no-f0 models
     * @param head frames dropped after the attention stack, before the projection (RVC's {@code skip_head} path)
     * @return {@code m_p} and {@code logs_p}, each {@code [1, inter, T - head]}
     */
    NDList apply(NDArray phone, NDArray pitch, long head) {
        NDArray x = phone.matMul(embWeightT).add(embBias);
        if (pitchTable != null) {
            x = x.add(Embedding.embedding(pitch, pitchTable, SparseFormat.DENSE).singletonOrThrow());
        }
        x = DjlOps.leakyRelu(x.mul(embedScale), EMBED_SLOPE).transpose(0, 2, 1);
        for (Layer layer : layers) {
            x = Scopes.keep(x, in -> {
                NDArray y = DjlOps.layerNormChannels(in.add(layer.attention().apply(in)), layer.ln1Gamma(),
                        layer.ln1Beta());
                NDArray ffn = DjlOps.conv1dSame(Activation.relu(DjlOps.conv1dSame(y, layer.ffn1W(), layer.ffn1B(), 1)),
                        layer.ffn2W(), layer.ffn2B(), 1);
                return DjlOps.layerNormChannels(y.add(ffn), layer.ln2Gamma(), layer.ln2Beta());
            });
        }
        if (head > 0) {
            x = x.get(new NDIndex(":, :, {}:", head));
        }
        NDArray stats = DjlOps.conv1d(x, projWeight, projBias, 1, 0, 1);
        return stats.split(new long[] {inter}, 1);
    }
}
