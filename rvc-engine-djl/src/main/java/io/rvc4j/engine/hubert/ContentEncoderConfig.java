package io.rvc4j.engine.hubert;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.List;

/**
 * What the weights of a HuBERT checkpoint cannot tell: the attention head count, the conv strides and the LayerNorm
 * epsilon. Widths, kernel sizes and the layer count are read from the weight shapes.
 *
 * @param heads attention heads (12 for ContentVec / HuBERT-base)
 * @param convStrides stride of each feature-extractor conv ({@code [5,2,2,2,2,2,2]} for HuBERT-base)
 * @param layerNormEps epsilon of every LayerNorm and of the GroupNorm (1e-5 in fairseq)
 */
public record ContentEncoderConfig(int heads, List<Integer> convStrides, double layerNormEps) {
    /** fairseq {@code conv_feature_layers} of HuBERT-base: strides 5,2,2,2,2,2,2 (reference note section 5.3). */
    public static final List<Integer> BASE_STRIDES = List.of(5, 2, 2, 2, 2, 2, 2);
    /** HuBERT-base / ContentVec: 12 heads of 64. */
    public static final int BASE_HEADS = 12;
    /** fairseq LayerNorm / Fp32GroupNorm epsilon. */
    public static final double BASE_EPS = 1e-5;

    public ContentEncoderConfig {
        if (heads < 1) {
            throw new InvalidModelFileException("HuBERT config: heads must be >= 1, got " + heads);
        }
        convStrides = List.copyOf(convStrides);
        if (convStrides.isEmpty() || convStrides.stream().anyMatch(s -> s < 1)) {
            throw new InvalidModelFileException("HuBERT config: conv strides must be >= 1, got " + convStrides);
        }
    }

    /** The ContentVec / HuBERT-base configuration RVC's {@code hubert_base.pt} uses. */
    public static ContentEncoderConfig contentVec() {
        return new ContentEncoderConfig(BASE_HEADS, BASE_STRIDES, BASE_EPS);
    }
}
