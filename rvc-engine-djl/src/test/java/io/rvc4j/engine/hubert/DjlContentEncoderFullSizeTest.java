package io.rvc4j.engine.hubert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.engine.Fixtures;
import io.rvc4j.engine.io.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real ContentVec / HuBERT-base shapes (conv 512, width 768, 12 layers of 12 heads, FFN 3072, pos conv k128 g16,
 * final_proj 256) with random weights made here: shapes, frame count and time on a 10 s input. No reference values
 * (the real checkpoint is not in the repository); numerical parity is covered by DjlContentEncoderParityTest.
 */
@Tag("slow")
class DjlContentEncoderFullSizeTest {

    @Test
    void encodes_ten_seconds_with_the_contentvec_architecture() {
        Map<String, TensorData> w = new LinkedHashMap<>();
        Random rnd = new Random(7);
        int[] kernels = {10, 3, 3, 3, 3, 2, 2};
        for (int i = 0; i < 7; i++) {
            put(w, rnd, "feature_extractor.conv_layers." + i + ".0.weight", 512, i == 0 ? 1 : 512, kernels[i]);
        }
        put(w, rnd, "feature_extractor.conv_layers.0.2.weight", 512);
        put(w, rnd, "feature_extractor.conv_layers.0.2.bias", 512);
        put(w, rnd, "layer_norm.weight", 512);
        put(w, rnd, "layer_norm.bias", 512);
        put(w, rnd, "post_extract_proj.weight", 768, 512);
        put(w, rnd, "post_extract_proj.bias", 768);
        put(w, rnd, "encoder.pos_conv.0.weight_v", 768, 48, 128);
        put(w, rnd, "encoder.pos_conv.0.weight_g", 1, 1, 128);
        put(w, rnd, "encoder.pos_conv.0.bias", 768);
        put(w, rnd, "encoder.layer_norm.weight", 768);
        put(w, rnd, "encoder.layer_norm.bias", 768);
        for (int l = 0; l < 12; l++) {
            String p = "encoder.layers." + l + ".";
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                put(w, rnd, p + "self_attn." + proj + ".weight", 768, 768);
                put(w, rnd, p + "self_attn." + proj + ".bias", 768);
            }
            for (String ln : new String[] {"self_attn_layer_norm", "final_layer_norm"}) {
                put(w, rnd, p + ln + ".weight", 768);
                put(w, rnd, p + ln + ".bias", 768);
            }
            put(w, rnd, p + "fc1.weight", 3072, 768);
            put(w, rnd, p + "fc1.bias", 3072);
            put(w, rnd, p + "fc2.weight", 768, 3072);
            put(w, rnd, p + "fc2.bias", 768);
        }
        put(w, rnd, "final_proj.weight", 256, 768);
        put(w, rnd, "final_proj.bias", 256);
        try (NDManager manager = NDManager.newBaseManager();
                DjlContentEncoder enc = DjlContentEncoder.load(w, ContentEncoderConfig.contentVec(), manager)) {
            float[] audio = Fixtures.signal(160_000, 9);
            for (FeatureSet set : FeatureSet.values()) {
                try (NDManager call = manager.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray out = enc.encode(call.create(audio), set);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("ContentVec-size encoder, 10 s, %s: %.2f s on %s%n", set, seconds,
                            manager.getDevice());
                    assertThat(out.getShape().getShape()).containsExactly(499, set == FeatureSet.V1 ? 256 : 768);
                    assertThat(Float.isFinite(out.sum().getFloat())).isTrue();
                }
            }
        }
    }

    private static void put(Map<String, TensorData> w, Random rnd, String name, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        double scale = shape.length == 1 ? 0.1 : 1 / Math.sqrt((double) n / shape[0]);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextGaussian() * scale + (shape.length == 1 && name.endsWith("weight") ? 1 : 0));
        }
        w.put(name, TensorData.ofFloats(shape, v));
    }
}
