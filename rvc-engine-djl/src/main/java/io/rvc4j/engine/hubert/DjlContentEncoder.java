package io.rvc4j.engine.hubert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.LayerNorm;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.nn.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HuBERT / ContentVec as RVC runs it (fairseq {@code HubertModel.extract_features}, eval mode, no mask; reference note
 * section 5.3): a conv feature extractor (GroupNorm after layer 0, exact GELU), LayerNorm, {@code post_extract_proj},
 * a weight-normed (dim 2) grouped positional conv with SamePad, the encoder LayerNorm, then post-LN transformer
 * layers. v1 takes layer 9 through {@code final_proj}; v2 takes the last layer.
 *
 * <p>RVC passes an all-False padding mask; fairseq then pads the sequence to an even length and masks that key,
 * which changes nothing for real frames, so no mask is applied here.
 *
 * <p>Weights live on a sub-manager of the one given to {@link #load}; {@link #close()} frees them (idempotent). The
 * encoder is immutable after loading and {@link #encode} may run concurrently from several threads.
 */
public final class DjlContentEncoder implements AutoCloseable {
    private static final String CONV = "feature_extractor.conv_layers.";

    private final NDManager manager;
    private final ContentEncoderConfig config;
    private final List<NDArray> convWeights = new ArrayList<>();
    private final List<NDArray> convBiases = new ArrayList<>();
    private final NDArray groupNormW;
    private final NDArray groupNormB;
    private final long convDim;
    private final long dim;
    private final NDArray featLnW;
    private final NDArray featLnB;
    private final NDArray projW;
    private final NDArray projB;
    private final NDArray posW;
    private final NDArray posB;
    private final int posKernel;
    private final int posGroups;
    private final NDArray encLnW;
    private final NDArray encLnB;
    private final List<DjlTransformerLayer> layers = new ArrayList<>();
    private final NDArray finalProjW;
    private final NDArray finalProjB;
    private final long finalProjDim;
    private final int receptiveField;
    private final int hop;
    private volatile boolean closed;

    private DjlContentEncoder(Map<String, TensorData> tensors, ContentEncoderConfig config, NDManager parent) {
        this.manager = parent.newSubManager();
        this.config = config;
        try {
            HubertWeights w = new HubertWeights(tensors, manager);
            int nConv = config.convStrides().size();
            long in = 1;
            int rf = 1;
            int jump = 1;
            long cd = w.shape(CONV + "0.0.weight")[0];
            for (int i = 0; i < nConv; i++) {
                NDArray cw = w.get(CONV + i + ".0.weight", cd, in, -1);
                int k = (int) cw.getShape().get(2);
                convWeights.add(cw);
                convBiases.add(manager.zeros(new Shape(cd)));
                rf += (k - 1) * jump;
                jump *= config.convStrides().get(i);
                in = cd;
            }
            if (w.has(CONV + nConv + ".0.weight")) {
                throw new InvalidModelFileException("HuBERT has more conv layers than the " + nConv + " strides configured");
            }
            this.convDim = cd;
            this.receptiveField = rf;
            this.hop = jump;
            groupNormW = w.get(CONV + "0.2.weight", cd).reshape(cd, 1);
            groupNormB = w.get(CONV + "0.2.bias", cd).reshape(cd, 1);
            featLnW = w.vector("layer_norm.weight", cd);
            featLnB = w.vector("layer_norm.bias", cd);
            this.dim = w.shape("post_extract_proj.weight")[0];
            projW = w.linearTransposed("post_extract_proj", cd, dim);
            projB = w.vector("post_extract_proj.bias", dim);
            String g = "encoder.pos_conv.0.weight_g";
            String v = "encoder.pos_conv.0.weight_v";
            if (!w.has(g)) {
                g = "encoder.pos_conv.0.parametrizations.weight.original0";
                v = "encoder.pos_conv.0.parametrizations.weight.original1";
            }
            long[] vs = w.shape(v);
            this.posKernel = (int) vs[2];
            if (vs.length != 3 || dim % vs[1] != 0) {
                throw new InvalidModelFileException("HuBERT pos_conv weight has shape " + java.util.Arrays.toString(vs));
            }
            this.posGroups = (int) (dim / vs[1]);
            // weight norm over dim = 2: w[o,i,k] = g[k] v[o,i,k] / ||v[:,:,k]|| (reference note section 5.2)
            NDArray vv = w.get(v, dim, vs[1], posKernel);
            NDArray gg = w.get(g, 1, 1, posKernel);
            posW = vv.mul(gg.div(vv.square().sum(new int[] {0, 1}, true).sqrt()));
            posB = w.vector("encoder.pos_conv.0.bias", dim);
            encLnW = w.vector("encoder.layer_norm.weight", dim);
            encLnB = w.vector("encoder.layer_norm.bias", dim);
            for (int i = 0; w.has("encoder.layers." + i + ".fc1.weight"); i++) {
                layers.add(new DjlTransformerLayer(w, i, dim, config.heads(), config.layerNormEps()));
            }
            if (w.has("final_proj.weight")) {
                finalProjDim = w.shape("final_proj.weight")[0];
                finalProjW = w.linearTransposed("final_proj", dim, finalProjDim);
                finalProjB = w.vector("final_proj.bias", finalProjDim);
            } else {
                finalProjDim = 0;
                finalProjW = null;
                finalProjB = null;
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Builds the encoder from a fairseq-named state dict ({@code hubert_base.pt}'s {@code model}, or a Transformers
     * folder normalised to fairseq names).
     *
     * @throws InvalidModelFileException when a weight is missing or has the wrong shape
     */
    public static DjlContentEncoder load(Map<String, TensorData> weights, ContentEncoderConfig config,
            NDManager parent) {
        return new DjlContentEncoder(weights, config, parent);
    }

    /** Width of the features {@code set} yields (256 / 768 for ContentVec). */
    public long featureDim(FeatureSet set) {
        return set == FeatureSet.V1 ? requireFinalProj() : dim;
    }

    /** Transformer layers in the checkpoint. */
    public int layerCount() {
        return layers.size();
    }

    /** Frames for {@code samples} input samples: {@code floor((L - 400) / 320) + 1} for HuBERT-base, 0 if too short. */
    public int frames(int samples) {
        return samples < receptiveField ? 0 : (samples - receptiveField) / hop + 1;
    }

    /** Samples under one frame's receptive field (400 for HuBERT-base). */
    public int receptiveField() {
        return receptiveField;
    }

    /**
     * Encodes 16 kHz audio.
     *
     * @param wave {@code [L]} float32 on the encoder's device; the result is attached to its manager, every
     *     intermediate is freed before returning
     * @return features {@code [T', C]}
     * @throws InvalidAudioException when the audio is shorter than one frame
     */
    public NDArray encode(NDArray wave, FeatureSet set) {
        if (closed) {
            throw new IllegalStateException("content encoder is closed");
        }
        int samples = (int) wave.size();
        if (samples < receptiveField) {
            throw new InvalidAudioException("content encoder needs at least " + receptiveField + " samples, got "
                    + samples);
        }
        if (set == FeatureSet.V1) {
            requireFinalProj();
            if (layers.size() < FeatureSet.V1_OUTPUT_LAYER) {
                throw new InvalidModelFileException("v1 features need " + FeatureSet.V1_OUTPUT_LAYER
                        + " transformer layers, the checkpoint has " + layers.size());
            }
        }
        NDManager outer = wave.getManager();
        try (NDManager scope = outer.newSubManager()) {
            NDArray x = wave.duplicate();
            x.attach(scope);
            x = x.reshape(1, 1, samples);
            for (int i = 0; i < convWeights.size(); i++) {
                int layer = i;
                // each conv layer in its own scope: layer 0's output alone is 512 x L/5 floats
                x = Scopes.consume(x, in -> {
                    Shape stride = new Shape(config.convStrides().get(layer));
                    NDArray y = Conv1d.conv1d(in, convWeights.get(layer), convBiases.get(layer), stride)
                            .singletonOrThrow();
                    return Activation.gelu(layer == 0 ? groupNorm(y) : y);
                });
            }
            long t = x.getShape().get(2);
            x = x.reshape(convDim, t).transpose();
            x = LayerNorm.layerNorm(x, new Shape(convDim), featLnW, featLnB, (float) config.layerNormEps())
                    .singletonOrThrow();
            x = x.matMul(projW).add(projB);
            NDArray pos = Conv1d.conv1d(x.transpose().reshape(1, dim, t), posW, posB, new Shape(1),
                    new Shape(posKernel / 2), new Shape(1), posGroups).singletonOrThrow();
            // SamePad: an even kernel yields one extra step at the end, which fairseq drops
            pos = Activation.gelu(pos.get(new NDIndex(":, :, 0:{}", t))).reshape(dim, t).transpose();
            x = LayerNorm.layerNorm(x.add(pos), new Shape(dim), encLnW, encLnB, (float) config.layerNormEps())
                    .singletonOrThrow();
            int last = set == FeatureSet.V1 ? FeatureSet.V1_OUTPUT_LAYER : layers.size();
            for (int i = 0; i < last; i++) {
                x = layers.get(i).forward(x);
            }
            if (set == FeatureSet.V1) {
                x = x.matMul(finalProjW).add(finalProjB);
            }
            x.attach(outer);
            return x;
        }
    }

    /**
     * Fp32GroupNorm with one group per channel: each channel normalised over time (biased variance), then the
     * per-channel affine. The normalisation is ONE fused layer-norm over the time axis (same formula: biased variance,
     * eps inside the square root) instead of eight elementwise passes; on 30 s of audio the tensor is 512 x 96 000
     * floats (197 MB), and the elementwise form cost 1.1-1.8 s of the encoder's ~8 s on the benchmark machine.
     */
    private NDArray groupNorm(NDArray x) {
        long length = x.getShape().get(2);
        NDManager m = x.getManager();
        NDArray ones = m.ones(new Shape(length));
        NDArray zeros = m.zeros(new Shape(length));
        NDArray normed = LayerNorm.layerNorm(x, new Shape(length), ones, zeros, (float) config.layerNormEps())
                .singletonOrThrow();
        return normed.muli(groupNormW).addi(groupNormB);
    }

    private long requireFinalProj() {
        if (finalProjW == null) {
            throw new InvalidModelFileException("v1 features need HuBERT's final_proj weights, which are missing");
        }
        return finalProjDim;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
