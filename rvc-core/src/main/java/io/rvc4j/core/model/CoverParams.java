package io.rvc4j.core.model;

/**
 * Everything a cover needs beyond the voice conversion, as AICoverGen defines it.
 *
 * @param conversion the voice conversion of the main vocals; its key is shifted further by {@code pitchChangeAll}
 * @param pitchChangeAll semitones applied to every part (-12..12): the vocals through RVC's key, the instrumental
 *     and backup vocals through a time-preserving pitch shifter, as AICoverGen does
 * @param reverb the vocal chain's reverb
 * @param gains per-stem gains on top of AICoverGen's base levels
 * @param outputFormat encoded format of the mix
 * @param peakPolicy limiter (default) or AICoverGen's hard clip
 */
public record CoverParams(
        ConversionParams conversion,
        int pitchChangeAll,
        ReverbParams reverb,
        MixGains gains,
        OutputFormat outputFormat,
        PeakPolicy peakPolicy) {
    public static final int MAX_PITCH_CHANGE_ALL = 12;

    public CoverParams {
        Check.present("conversion", conversion);
        Check.inRange("pitch_change_all", pitchChangeAll, -MAX_PITCH_CHANGE_ALL, MAX_PITCH_CHANGE_ALL);
        Check.present("reverb", reverb);
        Check.present("gains", gains);
        Check.present("output_format", outputFormat);
        Check.present("peak_policy", peakPolicy);
    }

    /** AICoverGen's defaults throughout, mp3 output, limiter. */
    public static CoverParams defaults() {
        return new CoverParams(ConversionParams.defaults(), 0, ReverbParams.defaults(), MixGains.unity(),
                OutputFormat.MP3, PeakPolicy.LIMIT);
    }

    /** The key the voice converter applies to the main vocals: the vocal shift plus the overall shift. */
    public int vocalKey() {
        return conversion.pitch() + pitchChangeAll;
    }
}
