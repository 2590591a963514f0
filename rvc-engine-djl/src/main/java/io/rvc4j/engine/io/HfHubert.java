package io.rvc4j.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.core.error.InvalidModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Transformers HubertModel folder: config.json plus model.safetensors (preferred) or pytorch_model.bin. */
final class HfHubert {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** config.json files are a few kilobytes; refuse anything absurd before parsing. */
    private static final long MAX_CONFIG_BYTES = 1 << 20;

    private HfHubert() {
    }

    static HubertModelFile read(Path dir) {
        String source = dir.toString();
        JsonNode cfg = config(dir.resolve("config.json"));
        Path safetensors = dir.resolve("model.safetensors");
        Path bin = dir.resolve("pytorch_model.bin");
        Map<String, TensorData> hf;
        if (Files.isRegularFile(safetensors)) {
            hf = Safetensors.read(safetensors).tensors();
        } else if (Files.isRegularFile(bin)) {
            hf = TorchCheckpoint.readStateDict(bin);
        } else {
            throw new InvalidModelFileException(source + ": Transformers folder without model.safetensors or "
                    + "pytorch_model.bin");
        }
        boolean layerNorm = "layer".equals(text(cfg, "feat_extract_norm"));
        Map<String, TensorData> weights = HubertModelFile.fairseqNames(hf, layerNorm, source);
        HubertShapes.Declared declared = new HubertShapes.Declared(integer(cfg, "hidden_size"),
                integer(cfg, "num_hidden_layers"), integer(cfg, "num_attention_heads"),
                integer(cfg, "intermediate_size"), conv(cfg, source), integer(cfg, "num_conv_pos_embeddings"),
                integer(cfg, "num_conv_pos_embedding_groups"), cfg.path("do_stable_layer_norm").asBoolean(false),
                layerNorm ? "layer_norm" : "default");
        return new HubertModelFile(dir, HubertShapes.reconcile(declared, weights, source), weights, "transformers");
    }

    private static JsonNode config(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidModelFileException(file.getParent() + ": Transformers folder without config.json");
            }
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new InvalidModelFileException(file + ": implausibly large config");
            }
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new InvalidModelFileException(file + ": not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new InvalidModelFileException(file + ": cannot be read as JSON (" + e.getMessage() + ")", e);
        }
    }

    private static List<HubertConfig.ConvLayer> conv(JsonNode cfg, String source) {
        JsonNode dims = cfg.get("conv_dim");
        JsonNode kernels = cfg.get("conv_kernel");
        JsonNode strides = cfg.get("conv_stride");
        if (dims == null || kernels == null || strides == null || !dims.isArray() || dims.size() != kernels.size()
                || dims.size() != strides.size() || dims.size() > 64) {
            return null;
        }
        List<HubertConfig.ConvLayer> out = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            if (!dims.get(i).canConvertToInt() || !kernels.get(i).canConvertToInt()
                    || !strides.get(i).canConvertToInt() || strides.get(i).asInt() <= 0) {
                throw new InvalidModelFileException(source + ": bad conv_dim/conv_kernel/conv_stride in config.json");
            }
            out.add(new HubertConfig.ConvLayer(dims.get(i).asInt(), kernels.get(i).asInt(), strides.get(i).asInt()));
        }
        return out;
    }

    private static Integer integer(JsonNode cfg, String key) {
        JsonNode n = cfg.get(key);
        return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : null;
    }

    private static String text(JsonNode cfg, String key) {
        JsonNode n = cfg.get(key);
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
