package io.rvc4j.core.model;

/**
 * How to decode: keep the source's rate and channels (0), or resample / remix to the given ones, as
 * {@code ffmpeg -ar R -ac C} does.
 */
public record DecodeSpec(int sampleRate, int channels) {
    /** What the RVC reference loads: {@code ffmpeg -ac 1 -ar 16000}. */
    public static final DecodeSpec RVC_INPUT = new DecodeSpec(16_000, 1);
    public static final DecodeSpec NATIVE = new DecodeSpec(0, 0);

    public DecodeSpec {
        if (sampleRate != 0) {
            Check.inRange("sample_rate", sampleRate, 1_000, AudioClip.MAX_SAMPLE_RATE);
        }
        Check.inRange("channels", channels, 0, 8);
    }
}
