package io.rvc4j.engine.hubert;

import io.rvc4j.engine.io.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A state dict with the real ContentVec / HuBERT-base shapes and fairseq names (conv 512, width 768, 12 layers of 12
 * heads, FFN 3072, pos conv k128 g16, final_proj 256; reference note section 5.2) and random weights: for the
 * full-size tests, since the real checkpoint is not in the repository. Load it with
 * {@link ContentEncoderConfig#contentVec()}.
 */
public final class RandomContentVec {
    public static final int WIDTH = 768;
    public static final int LAYERS = 12;
    private static final int CONV = 512;
    private static final int FFN = 3072;
    private static final int[] KERNELS = {10, 3, 3, 3, 3, 2, 2};

    private RandomContentVec() {
    }

    /** Weights drawn from {@code seed}: Gaussian with std 1/sqrt(fan_in), norm gains near 1, biases near 0. */
    public static Map<String, TensorData> weights(long seed) {
        Map<String, TensorData> w = new LinkedHashMap<>();
        Random rnd = new Random(seed);
        for (int i = 0; i < KERNELS.length; i++) {
            put(w, rnd, "feature_extractor.conv_layers." + i + ".0.weight", CONV, i == 0 ? 1 : CONV, KERNELS[i]);
        }
        put(w, rnd, "feature_extractor.conv_layers.0.2.weight", CONV);
        put(w, rnd, "feature_extractor.conv_layers.0.2.bias", CONV);
        put(w, rnd, "layer_norm.weight", CONV);
        put(w, rnd, "layer_norm.bias", CONV);
        put(w, rnd, "post_extract_proj.weight", WIDTH, CONV);
        put(w, rnd, "post_extract_proj.bias", WIDTH);
        put(w, rnd, "encoder.pos_conv.0.weight_v", WIDTH, 48, 128);
        put(w, rnd, "encoder.pos_conv.0.weight_g", 1, 1, 128);
        put(w, rnd, "encoder.pos_conv.0.bias", WIDTH);
        put(w, rnd, "encoder.layer_norm.weight", WIDTH);
        put(w, rnd, "encoder.layer_norm.bias", WIDTH);
        for (int l = 0; l < LAYERS; l++) {
            String p = "encoder.layers." + l + ".";
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                put(w, rnd, p + "self_attn." + proj + ".weight", WIDTH, WIDTH);
                put(w, rnd, p + "self_attn." + proj + ".bias", WIDTH);
            }
            for (String ln : new String[] {"self_attn_layer_norm", "final_layer_norm"}) {
                put(w, rnd, p + ln + ".weight", WIDTH);
                put(w, rnd, p + ln + ".bias", WIDTH);
            }
            put(w, rnd, p + "fc1.weight", FFN, WIDTH);
            put(w, rnd, p + "fc1.bias", FFN);
            put(w, rnd, p + "fc2.weight", WIDTH, FFN);
            put(w, rnd, p + "fc2.bias", WIDTH);
        }
        put(w, rnd, "final_proj.weight", 256, WIDTH);
        put(w, rnd, "final_proj.bias", 256);
        return w;
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
