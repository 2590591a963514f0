package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One spelling for weight-normalised layers: {@code torch.nn.utils.parametrizations.weight_norm} stores
 * {@code <p>.parametrizations.weight.original0/1}, the classic API {@code <p>.weight_g/weight_v}
 * (rvc-reference.md 1.5). Both mean g and v; we keep the classic names.
 */
public final class WeightNames {

    private static final String PARAM_G = ".parametrizations.weight.original0";
    private static final String PARAM_V = ".parametrizations.weight.original1";

    private WeightNames() {
    }

    /** A copy of {@code weights} with parametrization names rewritten to {@code weight_g} / {@code weight_v}. */
    public static Map<String, TensorData> normalise(Map<String, TensorData> weights, String source) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : weights.entrySet()) {
            String name = rename(e.getKey());
            if (out.put(name, e.getValue()) != null) {
                throw new InvalidModelFileException(source + ": weight '" + PickleText.clip(name)
                        + "' appears under both weight-norm spellings");
            }
        }
        return out;
    }

    static String rename(String name) {
        if (name.endsWith(PARAM_G)) {
            return name.substring(0, name.length() - PARAM_G.length()) + ".weight_g";
        }
        if (name.endsWith(PARAM_V)) {
            return name.substring(0, name.length() - PARAM_V.length()) + ".weight_v";
        }
        return name;
    }
}
