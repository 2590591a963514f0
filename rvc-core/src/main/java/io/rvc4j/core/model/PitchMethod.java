package io.rvc4j.core.model;

import io.rvc4j.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How f0 is estimated: one algorithm, or {@code hybrid[a+b+...]}, the frame-wise median of several (as in Mangio's
 * RVC fork that AICoverGen's pipeline carries).
 *
 * @param algorithms one entry for a plain method; two or more, without repeats, for a hybrid
 */
public record PitchMethod(List<PitchAlgorithm> algorithms) {
    public static final PitchMethod RMVPE = single(PitchAlgorithm.RMVPE);

    public PitchMethod {
        Check.present("f0_method", algorithms);
        if (algorithms.isEmpty()) {
            throw new InvalidParameterException("f0_method", "needs at least one algorithm");
        }
        if (new LinkedHashSet<>(algorithms).size() != algorithms.size()) {
            throw new InvalidParameterException("f0_method", "a hybrid lists each algorithm once, got " + algorithms);
        }
        algorithms = List.copyOf(algorithms);
    }

    public static PitchMethod single(PitchAlgorithm algorithm) {
        return new PitchMethod(List.of(algorithm));
    }

    /** Parses {@code rmvpe}, {@code crepe-tiny}, {@code hybrid[rmvpe+crepe]} and the like. */
    public static PitchMethod parse(String text) {
        String s = Check.present("f0_method", text).trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("hybrid[") && s.endsWith("]")) {
            List<PitchAlgorithm> parts = new ArrayList<>();
            for (String part : s.substring("hybrid[".length(), s.length() - 1).split("\\+")) {
                parts.add(PitchAlgorithm.parse(part));
            }
            if (parts.size() < 2) {
                throw new InvalidParameterException("f0_method", "a hybrid needs two or more methods, got '" + text + "'");
            }
            return new PitchMethod(parts);
        }
        return single(PitchAlgorithm.parse(s));
    }

    public boolean isHybrid() {
        return algorithms.size() > 1;
    }

    /** The canonical spelling, which {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        return isHybrid()
                ? algorithms.stream().map(PitchAlgorithm::id).collect(Collectors.joining("+", "hybrid[", "]"))
                : algorithms.get(0).id();
    }
}
