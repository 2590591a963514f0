package io.rvc4j.dsp.pitchshift;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.port.out.Resampler;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code pitch_change_all}: a time-preserving pitch shift the way SoX {@code pitch} does it (aicovergen-pipeline.md
 * 4.5): WSOLA time-stretch by {@code r = 2^(semitones/12)}, then a band-limited rate change by {@code 1/r} back to
 * the original duration. The rate change uses integer rates {@code fs -> round(fs / r)}, so the pitch ratio is off
 * by at most 1/(2 fs/r), under 0.03 cents at 32 kHz and above. Output has exactly the input's frame count.
 */
public final class WsolaPitchShifter {
    /** AICoverGen's web UI range for pitch_change_all; SoX itself warns beyond an octave. */
    public static final int MAX_SEMITONES = 24;

    private final Resampler resampler;

    public WsolaPitchShifter(Resampler resampler) {
        this.resampler = Objects.requireNonNull(resampler, "resampler");
    }

    public AudioClip shift(AudioClip clip, double semitones) {
        if (!(Math.abs(semitones) <= MAX_SEMITONES)) {
            throw new IllegalArgumentException("pitch shift must be within +-" + MAX_SEMITONES + " semitones, got "
                    + semitones);
        }
        if (semitones == 0 || clip.isEmpty()) {
            return clip;
        }
        int rate = clip.sampleRate();
        int frames = clip.frameCount();
        double ratio = Math.pow(2, semitones / 12.0);
        int virtualRate = (int) Math.round(rate / ratio);
        // Stretch so that resampling rate -> virtualRate lands on exactly the input length.
        int stretched = (int) Math.round((double) frames * rate / virtualRate);
        float[][] in = new float[clip.channelCount()][];
        for (int c = 0; c < in.length; c++) {
            in[c] = clip.channel(c);
        }
        float[][] slow = new WsolaStretcher(rate).stretch(in, stretched);
        float[][] out = new float[in.length][];
        for (int c = 0; c < in.length; c++) {
            out[c] = Arrays.copyOf(resampler.resample(slow[c], rate, virtualRate), frames);
        }
        return AudioClip.wrap(rate, out);
    }
}
