package io.rvc4j.engine.io;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renames Transformers HubertModel tensors to fairseq's names (rvc-reference.md 5.2); unknown names are dropped. */
final class HfNames {

    private record Rule(Pattern from, String to) {
    }

    private static final List<Rule> RULES = List.of(
            rule("feature_extractor\\.conv_layers\\.(\\d+)\\.conv\\.(\\w+)", "feature_extractor.conv_layers.$1.0.$2"),
            rule("feature_projection\\.layer_norm\\.(\\w+)", "layer_norm.$1"),
            rule("feature_projection\\.projection\\.(\\w+)", "post_extract_proj.$1"),
            rule("masked_spec_embed", "mask_emb"),
            rule("encoder\\.pos_conv_embed\\.conv\\.(\\w+)", "encoder.pos_conv.0.$1"),
            rule("encoder\\.layer_norm\\.(\\w+)", "encoder.layer_norm.$1"),
            rule("encoder\\.layers\\.(\\d+)\\.attention\\.(\\w+_proj)\\.(\\w+)", "encoder.layers.$1.self_attn.$2.$3"),
            rule("encoder\\.layers\\.(\\d+)\\.layer_norm\\.(\\w+)", "encoder.layers.$1.self_attn_layer_norm.$2"),
            rule("encoder\\.layers\\.(\\d+)\\.feed_forward\\.intermediate_dense\\.(\\w+)", "encoder.layers.$1.fc1.$2"),
            rule("encoder\\.layers\\.(\\d+)\\.feed_forward\\.output_dense\\.(\\w+)", "encoder.layers.$1.fc2.$2"),
            rule("encoder\\.layers\\.(\\d+)\\.final_layer_norm\\.(\\w+)", "encoder.layers.$1.final_layer_norm.$2"),
            rule("final_proj\\.(\\w+)", "final_proj.$1"),
            rule("label_embs_concat", "label_embs_concat"));

    private static final Pattern CONV_NORM = Pattern.compile("feature_extractor\\.conv_layers\\.(\\d+)\\.layer_norm\\.(\\w+)");

    private HfNames() {
    }

    private static Rule rule(String from, String to) {
        return new Rule(Pattern.compile(from), to);
    }

    static String toFairseq(String hf, boolean layerNormExtractor) {
        Matcher norm = CONV_NORM.matcher(hf);
        if (norm.matches()) {
            // group-norm mode: only layer 0 is normed, fairseq index 2; layer-norm mode: every layer, index 2.1.
            return "feature_extractor.conv_layers." + norm.group(1) + (layerNormExtractor ? ".2.1." : ".2.")
                    + norm.group(2);
        }
        for (Rule r : RULES) {
            Matcher m = r.from.matcher(hf);
            if (m.matches()) {
                return m.replaceFirst(r.to);
            }
        }
        return null;
    }
}
