package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PitchMethod;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the seed's conversion fields (form fields or JSON members, both as text) into core values. Every malformed or
 * out-of-range value becomes an {@link InvalidParameterException} that names the field as the client spelled it, so
 * {@code pitch_change} is reported as {@code pitch_change}, not as the core's {@code pitch}.
 */
final class RequestParams {
    /** Core parameter names and the seed field that carries them, for error messages. */
    private static final Map<String, String> SEED_NAMES = Map.of(
            "pitch", "pitch_change",
            "rms_mix_rate", "volume_envelope",
            "f0_method", "pitch_extraction_algo");

    private final Function<String, String> field;

    /** @param field returns a field's text, or null when the request does not carry it */
    RequestParams(Function<String, String> field) {
        this.field = field;
    }

    /** The model: {@code model_name} (or {@code voice_model}), else {@code MODEL_NAME}; required. */
    ModelRef model(ParamDefaults defaults) {
        String name = first("model_name", "voice_model").or(defaults::modelName).orElseThrow(() ->
                new InvalidParameterException("model_name", "is required (no MODEL_NAME default is configured)"));
        return ModelRef.named(name);
    }

    /**
     * The seed's fields over the environment defaults, plus the knobs the seed leaves fixed: {@code filter_radius},
     * {@code protect}, {@code sid}, {@code crepe_hop_length}, {@code output_sample_rate} and {@code deterministic}.
     */
    ConversionParams conversion(ConversionParams base) {
        ConversionParams.Builder b = base.toBuilder();
        try {
            first("pitch_change", "pitch").ifPresent(v -> b.pitch(integer("pitch_change", v)));
            first("volume_envelope", "rms_mix_rate").ifPresent(v -> b.rmsMixRate(number("volume_envelope", v)));
            text("index_rate").ifPresent(v -> b.indexRate(number("index_rate", v)));
            first("pitch_extraction_algo", "f0_method").ifPresent(v -> b.f0Method(PitchMethod.parse(v)));
            text("f0_method_weight").ifPresent(v -> b.hybridWeight(number("f0_method_weight", v)));
            text("filter_radius").ifPresent(v -> b.filterRadius(integer("filter_radius", v)));
            text("protect").ifPresent(v -> b.protect(number("protect", v)));
            text("sid").ifPresent(v -> b.speakerId(integer("sid", v)));
            text("crepe_hop_length").ifPresent(v -> b.crepeHopLength(integer("crepe_hop_length", v)));
            text("output_sample_rate").ifPresent(v -> b.outputSampleRate(integer("output_sample_rate", v)));
            text("deterministic").ifPresent(v -> b.deterministic(bool("deterministic", v)));
            return b.build();
        } catch (InvalidParameterException e) {
            throw renamed(e);
        }
    }

    /** {@code output_format}, else {@code fallback}. */
    OutputFormat outputFormat(OutputFormat fallback) {
        return text("output_format").map(OutputFormat::parse).orElse(fallback);
    }

    Optional<String> text(String name) {
        String v = field.apply(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    Optional<String> first(String name, String alias) {
        return text(name).or(() -> text(alias));
    }

    static int integer(String name, String text) {
        double v = number(name, text);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new InvalidParameterException(name, "must be an integer, got '" + text + "'");
        }
        return (int) v;
    }

    static double number(String name, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a number, got '" + text + "'");
        }
    }

    static boolean bool(String name, String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new InvalidParameterException(name, "must be true or false, got '" + text + "'");
        };
    }

    /** The same failure under the seed's field name, when the core named it differently. */
    static InvalidParameterException renamed(InvalidParameterException e) {
        String seed = SEED_NAMES.get(e.parameter());
        if (seed == null) {
            return e;
        }
        String detail = e.getMessage().substring(e.parameter().length() + 2);
        return new InvalidParameterException(seed, detail);
    }
}
