package io.rvc4j.core.model;

import java.util.OptionalDouble;

/**
 * What a pitch extractor needs besides the audio.
 *
 * @param method one algorithm or a hybrid
 * @param filterRadius median filter radius for Harvest (RVC applies it when 3 or more)
 * @param crepeHopLength CREPE hop in 16 kHz samples
 * @param hybridWeight weight of the first method in a hybrid's weighted median, when the caller gave one; empty means
 *     AICoverGen's plain frame-wise {@code np.nanmedian}
 */
public record PitchRequest(PitchMethod method, int filterRadius, int crepeHopLength, OptionalDouble hybridWeight) {
    public PitchRequest {
        Check.present("f0_method", method);
        Check.present("f0_method_weight", hybridWeight);
    }

    /** A request without a hybrid weight (hybrids take the plain median). */
    public PitchRequest(PitchMethod method, int filterRadius, int crepeHopLength) {
        this(method, filterRadius, crepeHopLength, OptionalDouble.empty());
    }

    /** A request with an explicit hybrid weight. */
    public PitchRequest(PitchMethod method, int filterRadius, int crepeHopLength, double hybridWeight) {
        this(method, filterRadius, crepeHopLength, OptionalDouble.of(hybridWeight));
    }

    public static PitchRequest from(ConversionParams p) {
        return new PitchRequest(p.f0Method(), p.filterRadius(), p.crepeHopLength(), p.f0MethodWeight());
    }
}
