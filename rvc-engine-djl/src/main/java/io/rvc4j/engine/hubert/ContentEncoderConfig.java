package io.rvc4j.engine.hubert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.core.error.InvalidModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Reads {@code num_attention_heads}, {@code conv_stride} and {@code layer_norm_eps} from a Transformers folder. */
    public static ContentEncoderConfig fromTransformersFolder(Path folder) {
        Path json = folder.resolve("config.json");
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(json));
            int heads = root.path("num_attention_heads").asInt(BASE_HEADS);
            List<Integer> strides = new ArrayList<>();
            root.path("conv_stride").forEach(n -> strides.add(n.asInt()));
            double eps = root.path("layer_norm_eps").asDouble(BASE_EPS);
            if (!"group".equals(root.path("feat_extract_norm").asText("group"))
                    || root.path("do_stable_layer_norm").asBoolean(false)) {
                throw new InvalidModelFileException(json + ": only the HuBERT-base layout (group norm, post-LN) "
                        + "is supported");
            }
            return new ContentEncoderConfig(heads, strides.isEmpty() ? BASE_STRIDES : strides, eps);
        } catch (IOException e) {
            throw new InvalidModelFileException("cannot read HuBERT config " + json + ": " + e.getMessage(), e);
        }
    }
}
