package io.rvc4j.adapter.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import io.rvc4j.core.error.InvalidParameterException;
import java.util.Optional;

/**
 * Typed, range-checked reading of a job's {@code params} object. Values are never clamped: an out-of-range value is
 * an error whose message names the parameter, the valid range and the value ({@code "index_rate: must be between 0
 * and 1, got 1.5"}). Keys the adapter does not know are ignored, as AICoverGen's handler ignores them.
 */
final class Params {
    private final JsonNode node;

    Params(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidParameterException("params", "is required: an object with voice_audio, voice_model, ...");
        }
        if (!node.isObject()) {
            throw new InvalidParameterException("params", "must be a JSON object, got " + node.getNodeType());
        }
        this.node = node;
    }

    String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> new InvalidParameterException(name, "is required"));
    }

    Optional<String> optionalString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidParameterException(name, "must be a string, got " + value.getNodeType());
        }
        return value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }

    /** A whole number in {@code [min, max]}; {@code 3.0} counts as 3, {@code 2.5} is refused. */
    int integer(String name, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        double d = numberOf(name, value, min, max);
        if (d != Math.rint(d)) {
            throw new InvalidParameterException(name, "must be a whole number between " + min + " and " + max
                    + ", got " + value);
        }
        return (int) d;
    }

    double number(String name, double fallback, double min, double max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return numberOf(name, value, min, max);
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidParameterException(name, "must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private static double numberOf(String name, JsonNode value, double min, double max) {
        if (!value.isNumber()) {
            throw new InvalidParameterException(name, "must be a number between " + fmt(min) + " and " + fmt(max)
                    + ", got " + value);
        }
        double d = value.asDouble();
        if (Double.isNaN(d) || d < min || d > max) {
            throw new InvalidParameterException(name, "must be between " + fmt(min) + " and " + fmt(max)
                    + ", got " + value);
        }
        return d;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
