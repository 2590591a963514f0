package io.rvc4j.engine.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rvc4j.engine.io.SafetensorsWriter;
import io.rvc4j.engine.io.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small HuBERT with random weights, written as a Transformers folder ({@code config.json} + {@code model.safetensors})
 * like the ContentVec folder current RVC uses: HuBERT-base's frame geometry (strides 5,2,2,2,2,2,2; kernels
 * 10,3,3,3,3,2,2: 320 samples per frame) and its 768-d output, but 32 conv channels, one transformer layer and a short
 * positional convolution, so it is a few MB. Only for the demo: its features carry no phonetic information.
 */
final class RandomContentEncoder {
    static final int HIDDEN = 768;
    static final int CONV_CHANNELS = 32;
    static final int FFN = 256;
    static final int POS_KERNEL = 16;
    static final int POS_GROUPS = 16;
    static final int HEADS = 12;
    static final int FINAL_PROJ = 256;
    static final List<Integer> KERNELS = List.of(10, 3, 3, 3, 3, 2, 2);
    static final List<Integer> STRIDES = List.of(5, 2, 2, 2, 2, 2, 2);

    private final Map<String, TensorData> out = new LinkedHashMap<>();
    private final SplittableRandom rnd;

    private RandomContentEncoder(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** Writes the folder; {@code folder} must not exist yet. */
    static void write(Path folder, long seed) throws IOException {
        RandomContentEncoder w = new RandomContentEncoder(seed);
        w.build();
        Files.createDirectories(folder);
        SafetensorsWriter.write(folder.resolve("model.safetensors"), w.out);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("_comment", "rvc4j demo content encoder: RANDOM WEIGHTS, not ContentVec");
        config.put("model_type", "hubert");
        config.put("architectures", List.of("HubertModel"));
        config.put("hidden_size", HIDDEN);
        config.put("num_hidden_layers", 1);
        config.put("num_attention_heads", HEADS);
        config.put("intermediate_size", FFN);
        config.put("conv_dim", List.of(CONV_CHANNELS, CONV_CHANNELS, CONV_CHANNELS, CONV_CHANNELS, CONV_CHANNELS,
                CONV_CHANNELS, CONV_CHANNELS));
        config.put("conv_stride", STRIDES);
        config.put("conv_kernel", KERNELS);
        config.put("conv_bias", false);
        config.put("num_conv_pos_embeddings", POS_KERNEL);
        config.put("num_conv_pos_embedding_groups", POS_GROUPS);
        config.put("feat_extract_norm", "group");
        config.put("do_stable_layer_norm", false);
        config.put("layer_norm_eps", 1e-5);
        config.put("classifier_proj_size", FINAL_PROJ);
        Files.write(folder.resolve("config.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(config));
    }

    private void build() {
        int in = 1;
        for (int i = 0; i < KERNELS.size(); i++) {
            dense("feature_extractor.conv_layers." + i + ".conv.weight", CONV_CHANNELS, in, KERNELS.get(i));
            in = CONV_CHANNELS;
        }
        norm("feature_extractor.conv_layers.0.layer_norm", CONV_CHANNELS);
        norm("feature_projection.layer_norm", CONV_CHANNELS);
        linear("feature_projection.projection", HIDDEN, CONV_CHANNELS);
        int perGroup = HIDDEN / POS_GROUPS;
        float[] v = gaussian(HIDDEN * perGroup * POS_KERNEL, 1 / Math.sqrt(perGroup * POS_KERNEL));
        out.put("encoder.pos_conv_embed.conv.weight_v", TensorData.ofFloats(new long[] {HIDDEN, perGroup, POS_KERNEL}, v));
        float[] g = new float[POS_KERNEL];
        for (int k = 0; k < POS_KERNEL; k++) {
            double s = 0;
            for (int i = k; i < v.length; i += POS_KERNEL) {
                s += (double) v[i] * v[i];
            }
            g[k] = (float) Math.sqrt(s); // weight norm over dims 0 and 1 (fairseq's dim=2): keeps v's scale
        }
        out.put("encoder.pos_conv_embed.conv.weight_g", TensorData.ofFloats(new long[] {1, 1, POS_KERNEL}, g));
        small("encoder.pos_conv_embed.conv.bias", HIDDEN);
        norm("encoder.layer_norm", HIDDEN);
        String p = "encoder.layers.0.";
        for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
            linear(p + "attention." + proj, HIDDEN, HIDDEN);
        }
        norm(p + "layer_norm", HIDDEN);
        linear(p + "feed_forward.intermediate_dense", FFN, HIDDEN);
        linear(p + "feed_forward.output_dense", HIDDEN, FFN);
        norm(p + "final_layer_norm", HIDDEN);
        linear("final_proj", FINAL_PROJ, HIDDEN);
    }

    private void linear(String prefix, int outDim, int inDim) {
        dense(prefix + ".weight", outDim, inDim);
        small(prefix + ".bias", outDim);
    }

    private void dense(String name, long... shape) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        out.put(name, TensorData.ofFloats(shape, gaussian(Math.toIntExact(count(shape)), 1 / Math.sqrt(fanIn))));
    }

    private void small(String name, int n) {
        out.put(name, TensorData.ofFloats(new long[] {n}, gaussian(n, 0.02)));
    }

    private void norm(String prefix, int n) {
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        out.put(prefix + ".weight", TensorData.ofFloats(new long[] {n}, ones));
        out.put(prefix + ".bias", TensorData.ofFloats(new long[] {n}, new float[n]));
    }

    private float[] gaussian(int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (std * rnd.nextGaussian());
        }
        return v;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
