package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HuBERT / ContentVec encoder in one naming scheme, fairseq's (rvc-reference.md 5.2), whichever way it was stored:
 * fairseq's {@code hubert_base.pt} (a dict with the state dict under {@code model} and the config in {@code cfg} or
 * {@code args}), or a Transformers folder ({@code config.json} with {@code model.safetensors} or
 * {@code pytorch_model.bin}). Weight-norm tensors are named {@code weight_g}/{@code weight_v} in both.
 *
 * @param config sizes read from the file's config and checked against the weights
 * @param weights fairseq-named tensors (fp16 or fp32 as stored)
 * @param format "fairseq" or "transformers"
 */
public record HubertModelFile(Path source, HubertConfig config, Map<String, TensorData> weights, String format) {

    public HubertModelFile {
        weights = Collections.unmodifiableMap(weights);
    }

    /** Reads a fairseq checkpoint file or a Transformers model folder. */
    public static HubertModelFile read(Path fileOrFolder) {
        if (Files.isDirectory(fileOrFolder)) {
            return HfHubert.read(fileOrFolder);
        }
        return fromFairseq(fileOrFolder, TorchCheckpoint.read(fileOrFolder));
    }

    /** True when an unpickled checkpoint looks like a fairseq HuBERT ({@code model} with post_extract_proj). */
    static boolean looksLikeFairseqHubert(Object root) {
        return root instanceof Map<?, ?> top && top.get("model") instanceof Map<?, ?> m
                && m.containsKey("post_extract_proj.weight");
    }

    static HubertModelFile fromFairseq(Path fileOrFolder, Object root) {
        String source = fileOrFolder.toString();
        Map<String, TensorData> weights = WeightNames.normalise(TorchCheckpoint.stateDict(root, source, "model"),
                source);
        Map<?, ?> top = (Map<?, ?>) root;
        HubertShapes.Declared declared = new HubertShapes.Declared(
                integer(top, "encoder_embed_dim"), integer(top, "encoder_layers"),
                integer(top, "encoder_attention_heads"), integer(top, "encoder_ffn_embed_dim"),
                convSpec(top, source), integer(top, "conv_pos"), integer(top, "conv_pos_groups"),
                value(top, "layer_norm_first") instanceof Boolean b ? b : null,
                value(top, "extractor_mode") instanceof String s ? s : null);
        return new HubertModelFile(fileOrFolder, HubertShapes.reconcile(declared, weights, source), weights, "fairseq");
    }

    private static List<HubertConfig.ConvLayer> convSpec(Map<?, ?> top, String source) {
        return value(top, "conv_feature_layers") instanceof String spec ? ConvSpec.parse(spec, source) : null;
    }

    private static Integer integer(Map<?, ?> top, String key) {
        return value(top, key) instanceof Long l && l > 0 && l < Integer.MAX_VALUE ? l.intValue() : null;
    }

    /** fairseq's model config entry: {@code cfg["model"][key]} (dict or omegaconf stub), else {@code args.key}. */
    private static Object value(Map<?, ?> top, String key) {
        Object model = field(top.get("cfg"), "model");
        Object v = field(model, key);
        return v != null ? v : field(top.get("args"), key);
    }

    /** An attribute or item of a plain dict, an argparse Namespace or an omegaconf DictConfig kept as stubs. */
    private static Object field(Object container, String key) {
        Object c = container;
        for (int depth = 0; depth < 4 && c instanceof PickleStub stub; depth++) {
            Object state = stub.state();
            c = state instanceof Map<?, ?> m && m.containsKey("_content") ? m.get("_content") : state;
        }
        if (!(c instanceof Map<?, ?> m)) {
            return null;
        }
        Object v = m.get(key);
        // omegaconf wraps leaf values in nodes whose state keeps the value as "_val".
        if (v instanceof PickleStub node && node.state() instanceof Map<?, ?> s && s.containsKey("_val")) {
            return s.get("_val");
        }
        return v;
    }

    /** Transformers' names for the same tensors, and their fairseq equivalents (rvc-reference.md 5.2). */
    static Map<String, TensorData> fairseqNames(Map<String, TensorData> hf, boolean layerNormExtractor, String source) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : WeightNames.normalise(hf, source).entrySet()) {
            String k = e.getKey().startsWith("hubert.") ? e.getKey().substring("hubert.".length()) : e.getKey();
            String f = HfNames.toFairseq(k, layerNormExtractor);
            if (f != null && out.put(f, e.getValue()) != null) {
                throw new InvalidModelFileException(source + ": two tensors map to '" + f + "'");
            }
        }
        return out;
    }
}
