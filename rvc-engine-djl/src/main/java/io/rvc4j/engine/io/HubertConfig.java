package io.rvc4j.engine.io;

import java.util.List;

/**
 * The sizes of a HuBERT / ContentVec encoder, read from the checkpoint's own config (fairseq {@code cfg.model} or
 * {@code args}, or Transformers' {@code config.json}) and cross-checked against the weight shapes. ContentVec as RVC
 * ships it: 768 hidden, 12 layers, 12 heads, 3072 ffn, 7 conv layers, pos conv 128/16, final_proj 256.
 *
 * @param hiddenSize encoder width
 * @param layers transformer layers
 * @param heads attention heads
 * @param ffnDim feed-forward width
 * @param convLayers the feature extractor's (dim, kernel, stride) per layer
 * @param posConvKernel kernel of the convolutional position embedding
 * @param posConvGroups its groups
 * @param finalProjDim output width of {@code final_proj} (0 when the file has none)
 * @param layerNormFirst pre-LN layers (false for HuBERT-base)
 * @param extractorMode "default" (group norm on the first conv) or "layer_norm" (layer norm after every conv)
 */
public record HubertConfig(int hiddenSize, int layers, int heads, int ffnDim, List<ConvLayer> convLayers,
        int posConvKernel, int posConvGroups, int finalProjDim, boolean layerNormFirst, String extractorMode) {

    /** One feature-extractor convolution. */
    public record ConvLayer(int dim, int kernel, int stride) {
    }

    public HubertConfig {
        convLayers = List.copyOf(convLayers);
    }

    /** Input samples per output frame: the product of the conv strides (320 for HuBERT-base, 50 Hz at 16 kHz). */
    public int hop() {
        return convLayers.stream().mapToInt(ConvLayer::stride).reduce(1, (a, b) -> a * b);
    }
}
