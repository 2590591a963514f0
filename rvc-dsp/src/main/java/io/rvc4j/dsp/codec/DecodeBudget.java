package io.rvc4j.dsp.codec;

import io.rvc4j.core.error.InvalidAudioException;
import java.util.Locale;

/**
 * Whether a clip of a declared duration may be decoded, checked before decoding. The decoded float arrays are what
 * costs memory, not the encoded bytes: two hours of 44.1 kHz stereo is 635 million samples (2.5 GB), two hours of
 * 16 kHz mono 115 million (461 MB). Two limits: {@link CodecOptions#maxSamples()} at the requested rate and channel
 * count, and the JVM's whole heap against the decode's peak ({@link SwrConverter}: the samples plus one channel's
 * worth while the blocks are assembled), so that a heap too small for an allowed size gives a clear answer instead
 * of an {@code OutOfMemoryError}. (The heap check uses the maximum heap, not what is free: a heap already full of
 * other data can still run out.)
 */
final class DecodeBudget {
    private DecodeBudget() {
    }

    private static String channelWord(int channels) {
        return channels == 1 ? "1 channel" : channels + " channels";
    }

    /** Peak heap bytes of decoding {@code samples} samples into {@code channels} float arrays. */
    static double peakBytes(double samples, int channels) {
        return samples * Float.BYTES * (1 + 1.0 / channels);
    }

    /**
     * @param seconds the declared duration, or a value <= 0 when the container declares none (then only the
     *     decoded count is limited, by {@link SwrConverter})
     * @param maxHeapBytes {@code Runtime.getRuntime().maxMemory()}
     */
    static void check(double seconds, int rate, int channels, CodecOptions options, long maxHeapBytes,
            String container) {
        if (seconds <= 0) {
            return;
        }
        double samples = Math.ceil(seconds * rate) * channels;
        if (samples > options.maxSamples()) {
            throw new InvalidAudioException(String.format(Locale.ROOT,
                    "the %s audio is %.1f s long: decoded at %d Hz with %s it would take %.0f samples "
                            + "(%.2f GB as float), more than the cap of %d samples (%.2f GB); decode it at a lower "
                            + "rate or with fewer channels, or raise CodecOptions.maxSamples",
                    container, seconds, rate, channelWord(channels), samples, samples * Float.BYTES / 1e9,
                    options.maxSamples(), options.maxSamples() * (double) Float.BYTES / 1e9));
        }
        double peak = peakBytes(samples, channels);
        if (peak > maxHeapBytes) {
            throw new InvalidAudioException(String.format(Locale.ROOT,
                    "the %s audio is %.1f s long: decoding it at %d Hz with %s needs about %.2f GB of heap, "
                            + "more than this JVM's maximum of %.2f GB (-Xmx); decode it at a lower rate or with "
                            + "fewer channels, or give the JVM more heap",
                    container, seconds, rate, channelWord(channels), peak / 1e9, maxHeapBytes / 1e9));
        }
    }
}
