package io.rvc4j.engine.hubert;

import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.Safetensors;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpoint;
import io.rvc4j.engine.io.WeightNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the content encoder's weights: a fairseq checkpoint ({@code hubert_base.pt}: the {@code model} state dict,
 * ContentVec's configuration) or a Transformers folder ({@code config.json} plus {@code model.safetensors} or
 * {@code pytorch_model.bin}, names mapped to fairseq's; reference note section 5.2).
 */
public final class ContentEncoderFiles {
    private ContentEncoderFiles() {
    }

    /** Loads the encoder at {@code path} (file or folder) onto {@code manager}'s device. */
    public static DjlContentEncoder load(Path path, NDManager manager) {
        if (Files.isDirectory(path)) {
            return DjlContentEncoder.load(transformersWeights(path), ContentEncoderConfig.fromTransformersFolder(path),
                    manager);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidModelFileException("HuBERT model not found: " + path
                    + " (expected hubert_base.pt or a Transformers folder)");
        }
        return DjlContentEncoder.load(WeightNames.normalise(TorchCheckpoint.readStateDict(path, "model"),
                path.toString()), ContentEncoderConfig.contentVec(), manager);
    }

    /** The state dict of a Transformers HuBERT folder under fairseq names. */
    public static Map<String, TensorData> transformersWeights(Path folder) {
        Path st = folder.resolve("model.safetensors");
        Path bin = folder.resolve("pytorch_model.bin");
        Map<String, TensorData> hf;
        if (Files.isRegularFile(st)) {
            hf = Safetensors.read(st).tensors();
        } else if (Files.isRegularFile(bin)) {
            hf = TorchCheckpoint.readStateDict(bin);
        } else {
            throw new InvalidModelFileException(folder + ": no model.safetensors or pytorch_model.bin");
        }
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : WeightNames.normalise(hf, folder.toString()).entrySet()) {
            out.put(fairseqName(e.getKey()), e.getValue());
        }
        return out;
    }

    /** Transformers {@code HubertModel} parameter name to fairseq's (the inverse of the HF conversion script). */
    static String fairseqName(String hf) {
        String n = hf.startsWith("hubert.") ? hf.substring("hubert.".length()) : hf;
        if (n.equals("masked_spec_embed")) {
            return "mask_emb";
        }
        if (n.startsWith("feature_extractor.conv_layers.")) {
            return n.replace(".conv.weight", ".0.weight").replace(".layer_norm.", ".2.");
        }
        n = n.replace("feature_projection.layer_norm.", "layer_norm.")
                .replace("feature_projection.projection.", "post_extract_proj.")
                .replace("encoder.pos_conv_embed.conv.", "encoder.pos_conv.0.");
        if (n.startsWith("encoder.layers.")) {
            n = n.replace(".attention.", ".self_attn.")
                    .replace(".feed_forward.intermediate_dense.", ".fc1.")
                    .replace(".feed_forward.output_dense.", ".fc2.")
                    .replace(".layer_norm.", ".self_attn_layer_norm.");
        }
        return n;
    }
}
