package io.rvc4j.core.model;

/**
 * What a pitch extractor needs besides the audio.
 *
 * @param method one algorithm or a hybrid
 * @param filterRadius median filter radius for Harvest (RVC applies it when 3 or more)
 * @param crepeHopLength CREPE hop in 16 kHz samples
 * @param hybridWeight weight of the first method in a hybrid's weighted median
 */
public record PitchRequest(PitchMethod method, int filterRadius, int crepeHopLength, double hybridWeight) {
    public PitchRequest {
        Check.present("f0_method", method);
    }

    public static PitchRequest from(ConversionParams p) {
        return new PitchRequest(p.f0Method(), p.filterRadius(), p.crepeHopLength(), p.hybridWeight());
    }
}
