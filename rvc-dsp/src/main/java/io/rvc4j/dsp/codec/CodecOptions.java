package io.rvc4j.dsp.codec;

import io.rvc4j.core.model.Check;

/**
 * How {@link FfmpegAudioCodec} encodes, and the limits it enforces when decoding.
 *
 * @param mp3BitrateKbps MP3 CBR bitrate (libmp3lame), ignored when {@code mp3Vbr}
 * @param mp3Vbr VBR MP3 instead of CBR
 * @param mp3VbrQuality LAME's {@code -V} quality, 0 (best) .. 9
 * @param wavFloat WAV as 32-bit float instead of 16-bit PCM
 * @param opusBitrateKbps Ogg Opus bitrate
 * @param maxDurationSeconds decoding refuses longer input; checked against the container's duration before
 *     decoding when it is known, and against the decoded length in any case
 * @param maxSamples cap on decoded samples (frames x channels) at the requested rate and channel count: checked
 *     against the declared duration before decoding and against the decoded count in any case. The decoded clip
 *     takes 4 bytes a sample, and decoding peaks at {@code 4 x samples x (1 + 1/channels)} bytes of heap.
 */
public record CodecOptions(int mp3BitrateKbps, boolean mp3Vbr, int mp3VbrQuality, boolean wavFloat,
        int opusBitrateKbps, double maxDurationSeconds, long maxSamples) {
    /** The default MP3 bitrate (OutputFormat's contract: CBR 192 kbit/s). */
    public static final int DEFAULT_MP3_KBPS = 192;
    public static final int DEFAULT_OPUS_KBPS = 128;
    /** Two hours: longer than any song; a guard against decoding a film or a hostile file into memory. */
    public static final double DEFAULT_MAX_DURATION_SECONDS = 7200;
    /**
     * 2^28 samples = 1 GiB of float: two hours fit at 16 kHz mono (RVC's input, 115 million samples) but a native
     * 44.1 kHz stereo decode is refused beyond 50.7 minutes (48 kHz stereo: 46.6 minutes), before decoding, with an
     * {@code InvalidAudioException} instead of an {@code OutOfMemoryError} (two hours of 44.1 kHz stereo would
     * need 2.5 GB for the result alone).
     */
    public static final long DEFAULT_MAX_SAMPLES = 1L << 28;

    public CodecOptions {
        Check.inRange("mp3_bitrate_kbps", mp3BitrateKbps, 8, 320);
        Check.inRange("mp3_vbr_quality", mp3VbrQuality, 0, 9);
        Check.inRange("opus_bitrate_kbps", opusBitrateKbps, 6, 510);
        Check.inRange("max_duration_seconds", maxDurationSeconds, 0.001, 1e7);
        if (maxSamples < 1) {
            throw new io.rvc4j.core.error.InvalidParameterException("max_samples", "must be positive, got " + maxSamples);
        }
    }

    public static CodecOptions defaults() {
        return new CodecOptions(DEFAULT_MP3_KBPS, false, 2, false, DEFAULT_OPUS_KBPS, DEFAULT_MAX_DURATION_SECONDS,
                DEFAULT_MAX_SAMPLES);
    }

    public CodecOptions withMp3Cbr(int kbps) {
        return new CodecOptions(kbps, false, mp3VbrQuality, wavFloat, opusBitrateKbps, maxDurationSeconds, maxSamples);
    }

    public CodecOptions withMp3Vbr(int quality) {
        return new CodecOptions(mp3BitrateKbps, true, quality, wavFloat, opusBitrateKbps, maxDurationSeconds,
                maxSamples);
    }

    public CodecOptions withWavFloat(boolean floatSamples) {
        return new CodecOptions(mp3BitrateKbps, mp3Vbr, mp3VbrQuality, floatSamples, opusBitrateKbps,
                maxDurationSeconds, maxSamples);
    }

    public CodecOptions withLimits(double maxSeconds, long maxSampleCount) {
        return new CodecOptions(mp3BitrateKbps, mp3Vbr, mp3VbrQuality, wavFloat, opusBitrateKbps, maxSeconds,
                maxSampleCount);
    }
}
