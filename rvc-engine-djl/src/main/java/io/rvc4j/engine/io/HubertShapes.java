package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reconciles the sizes a HuBERT checkpoint declares with the shapes of its (fairseq-named) weights: every size that a
 * shape determines must agree with the config; the ones no shape determines (heads, conv strides) must be declared.
 */
final class HubertShapes {

    /** Sizes as a config declares them; null where the config is silent. */
    record Declared(Integer hidden, Integer layers, Integer heads, Integer ffn, List<HubertConfig.ConvLayer> conv,
            Integer posKernel, Integer posGroups, Boolean layerNormFirst, String extractorMode) {
    }

    private HubertShapes() {
    }

    static HubertConfig reconcile(Declared d, Map<String, TensorData> w, String source) {
        int hidden = agree("hidden size", d.hidden(), dim(w, "post_extract_proj.weight", 0, source), source);
        int layers = 0;
        while (w.containsKey("encoder.layers." + layers + ".fc1.weight")) {
            layers++;
        }
        layers = agree("encoder layers", d.layers(), layers, source);
        int ffn = agree("ffn size", d.ffn(), dim(w, "encoder.layers.0.fc1.weight", 0, source), source);
        if (d.heads() == null || d.heads() <= 0 || hidden % d.heads() != 0) {
            throw new InvalidModelFileException(source + ": the config does not give a usable attention head count "
                    + "(got " + d.heads() + " for hidden size " + hidden + ")");
        }
        List<HubertConfig.ConvLayer> conv = convLayers(d.conv(), w, source);
        int posKernel = agree("pos conv kernel", d.posKernel(), dim(w, "encoder.pos_conv.0.weight_v", 2, source),
                source);
        int perGroup = dim(w, "encoder.pos_conv.0.weight_v", 1, source);
        int posGroups = agree("pos conv groups", d.posGroups(), perGroup == 0 ? 0 : hidden / perGroup, source);
        TensorData proj = w.get("final_proj.weight");
        int finalDim = proj == null ? 0 : (int) proj.shape()[0];
        String mode = d.extractorMode() == null ? "default" : d.extractorMode();
        if (!mode.equals("default") && !mode.equals("layer_norm")) {
            throw new InvalidModelFileException(source + ": unknown extractor mode '" + PickleText.clip(mode) + "'");
        }
        return new HubertConfig(hidden, layers, d.heads(), ffn, conv, posKernel, posGroups, finalDim,
                Boolean.TRUE.equals(d.layerNormFirst()), mode);
    }

    private static List<HubertConfig.ConvLayer> convLayers(List<HubertConfig.ConvLayer> declared,
            Map<String, TensorData> w, String source) {
        if (declared == null) {
            throw new InvalidModelFileException(source + ": the config does not give the conv feature layers "
                    + "(their strides cannot be read from the weights)");
        }
        List<HubertConfig.ConvLayer> out = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            String key = "feature_extractor.conv_layers." + i + ".0.weight";
            HubertConfig.ConvLayer c = declared.get(i);
            agree("conv layer " + i + " dim", c.dim(), dim(w, key, 0, source), source);
            agree("conv layer " + i + " kernel", c.kernel(), dim(w, key, 2, source), source);
            out.add(c);
        }
        if (w.containsKey("feature_extractor.conv_layers." + declared.size() + ".0.weight")) {
            throw new InvalidModelFileException(source + ": the weights hold more conv layers than the config's "
                    + declared.size());
        }
        return out;
    }

    private static int dim(Map<String, TensorData> w, String key, int axis, String source) {
        TensorData t = w.get(key);
        if (t == null || t.rank() <= axis) {
            throw new InvalidModelFileException(source + ": missing or misshapen HuBERT weight '" + key + "'");
        }
        return Math.toIntExact(t.shape()[axis]);
    }

    private static int agree(String what, Integer declared, int fromShape, String source) {
        if (declared != null && declared != fromShape) {
            throw new InvalidModelFileException(source + ": config says " + what + " " + declared
                    + " but the weights have " + fromShape);
        }
        return fromShape;
    }
}
