package io.rvc4j.core.model;

import io.rvc4j.core.error.InvalidAudioException;
import java.util.Arrays;

/**
 * Decoded audio: planar float samples in [-1, 1] nominal range at one sample rate. The clip owns copies of its
 * channels, so callers can neither change it nor see later changes.
 */
public final class AudioClip {
    /** Highest rate we accept; above it a file is almost certainly not audio we should convert. */
    public static final int MAX_SAMPLE_RATE = 768_000;

    private final int sampleRate;
    private final float[][] channels;

    private AudioClip(int sampleRate, float[][] channels, boolean copy) {
        if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
            throw new InvalidAudioException("sample rate must be between 1 and " + MAX_SAMPLE_RATE + " Hz, got " + sampleRate);
        }
        if (channels == null || channels.length == 0) {
            throw new InvalidAudioException("audio must have at least one channel");
        }
        int frames = channels[0].length;
        float[][] own = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != frames) {
                throw new InvalidAudioException("channel " + c + " has " + channels[c].length
                        + " samples, channel 0 has " + frames);
            }
            own[c] = copy ? channels[c].clone() : channels[c];
        }
        this.sampleRate = sampleRate;
        this.channels = own;
    }

    /** A clip from planar channels, copied. */
    public static AudioClip of(int sampleRate, float[]... channels) {
        return new AudioClip(sampleRate, channels, true);
    }

    /** A mono clip, copied. */
    public static AudioClip mono(int sampleRate, float[] samples) {
        return new AudioClip(sampleRate, new float[][] {samples}, true);
    }

    /** A clip of {@code frames} zero samples. */
    public static AudioClip silence(int sampleRate, int channels, int frames) {
        return new AudioClip(sampleRate, new float[channels][frames], false);
    }

    /**
     * Takes ownership of freshly allocated arrays without copying; for producers (decoders, DSP) that never touch
     * the arrays again.
     */
    public static AudioClip wrap(int sampleRate, float[]... channels) {
        return new AudioClip(sampleRate, channels, false);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channelCount() {
        return channels.length;
    }

    public int frameCount() {
        return channels[0].length;
    }

    public boolean isEmpty() {
        return frameCount() == 0;
    }

    public double durationSeconds() {
        return (double) frameCount() / sampleRate;
    }

    /** A copy of channel {@code index}. */
    public float[] channel(int index) {
        return channels[index].clone();
    }

    /** The average of all channels, as a new array (a copy of the one channel for mono). */
    public float[] monoSamples() {
        if (channels.length == 1) {
            return channels[0].clone();
        }
        float[] out = new float[frameCount()];
        for (float[] ch : channels) {
            for (int i = 0; i < out.length; i++) {
                out[i] += ch[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** This clip mixed down to one channel. */
    public AudioClip toMono() {
        return channels.length == 1 ? this : new AudioClip(sampleRate, new float[][] {monoSamples()}, false);
    }

    /** The largest absolute sample over all channels. */
    public float peak() {
        float peak = 0f;
        for (float[] ch : channels) {
            for (float v : ch) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return peak;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip other && other.sampleRate == sampleRate && Arrays.deepEquals(other.channels, channels);
    }

    @Override
    public int hashCode() {
        return 31 * sampleRate + Arrays.deepHashCode(channels);
    }

    @Override
    public String toString() {
        return "AudioClip[" + sampleRate + " Hz, " + channels.length + " ch, " + frameCount() + " frames]";
    }
}
