package io.rvc4j.core.model;

import io.rvc4j.core.error.InvalidParameterException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** One f0 estimator, named as RVC, AICoverGen and Applio name it. */
public enum PitchAlgorithm {
    RMVPE("rmvpe"),
    CREPE("crepe"),
    CREPE_TINY("crepe-tiny"),
    HARVEST("harvest"),
    PM("pm"),
    FCPE("fcpe");

    private final String id;

    PitchAlgorithm(String id) {
        this.id = id;
    }

    /** The name used in requests and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Parses a name. AICoverGen's {@code mangio-crepe} and {@code mangio-crepe-tiny} are aliases: they are CREPE with
     * the request's {@code crepe_hop_length}, which our CREPE always honours.
     */
    public static PitchAlgorithm parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "mangio-crepe":
                return CREPE;
            case "mangio-crepe-tiny":
                return CREPE_TINY;
            default:
                for (PitchAlgorithm a : values()) {
                    if (a.id.equals(key)) {
                        return a;
                    }
                }
                throw new InvalidParameterException("f0_method", "unknown pitch method '" + name + "'; use one of "
                        + Arrays.stream(values()).map(PitchAlgorithm::id).collect(Collectors.joining(", "))
                        + " or hybrid[a+b]");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
