package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.PitchMethod;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's per-request defaults, read once from the environment: {@code MODEL_NAME}, {@code PITCH_CHANGE} (0),
 * {@code VOLUME_ENVELOPE} (1.0), {@code INDEX_RATE} (0), {@code PITCH_EXTRACTION_ALGO} (rmvpe), and the seed's fixed
 * {@code f0_method_weight} 0.33. The other knobs keep the core's defaults (filter radius 3, protect 0.33).
 *
 * @param modelName the model used when a request names none
 * @param base the conversion parameters a request starts from
 */
record ParamDefaults(Optional<String> modelName, ConversionParams base) {
    /** The seed's documented fallbacks. */
    static final int PITCH_CHANGE = 0;
    static final double VOLUME_ENVELOPE = 1.0;
    static final double INDEX_RATE = 0.0;
    static final String PITCH_EXTRACTION_ALGO = "rmvpe";

    ParamDefaults {
        modelName = modelName.filter(n -> !n.isBlank());
    }

    /** Reads the seed's variables; a malformed value fails start-up with the variable's name in the message. */
    static ParamDefaults fromEnv(Map<String, String> env) {
        try {
            ConversionParams base = ConversionParams.builder()
                    .pitch(Integer.parseInt(env.getOrDefault("PITCH_CHANGE", Integer.toString(PITCH_CHANGE)).trim()))
                    .rmsMixRate(Double.parseDouble(env.getOrDefault("VOLUME_ENVELOPE", Double.toString(VOLUME_ENVELOPE))))
                    .indexRate(Double.parseDouble(env.getOrDefault("INDEX_RATE", Double.toString(INDEX_RATE))))
                    .f0Method(PitchMethod.parse(env.getOrDefault("PITCH_EXTRACTION_ALGO", PITCH_EXTRACTION_ALGO)))
                    .build();
            return new ParamDefaults(Optional.ofNullable(env.get("MODEL_NAME")).map(String::trim), base);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("environment",
                    "PITCH_CHANGE must be an integer and VOLUME_ENVELOPE / INDEX_RATE numbers: " + e.getMessage());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("environment", "a default from the environment is invalid: "
                    + e.getMessage());
        }
    }
}
