package io.rvc4j.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.core.error.InvalidParameterException;
import java.util.function.Function;

/** A JSON object read as the text fields {@link RequestParams} expects; scalars only. */
final class JsonFields implements Function<String, String> {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;

    private JsonFields(JsonNode node) {
        this.node = node;
    }

    /** Parses {@code text}; blank text is an empty object. Anything but a JSON object is a 400. */
    static JsonFields parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return new JsonFields(MAPPER.createObjectNode());
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest(what + " must be a JSON object");
            }
            return new JsonFields(node);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    JsonNode node() {
        return node;
    }

    boolean has(String name) {
        return node.hasNonNull(name);
    }

    @Override
    public String apply(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw new InvalidParameterException(name, "must be a single value, got " + v.getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT));
        }
        return v.asText();
    }

    /** This object's fields, with {@code overrides}' fields taking precedence. */
    Function<String, String> under(Function<String, String> overrides) {
        return name -> {
            String v = overrides.apply(name);
            return v != null ? v : apply(name);
        };
    }

    /** Whether a stream's text message is {@code {"type": "end"}} (or {@code "flush"}); anything else, JSON or not, is not. */
    static boolean isEndMessage(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            String type = node == null ? null : node.path("type").asText(null);
            return "end".equals(type) || "flush".equals(type);
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
