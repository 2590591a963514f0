package io.rvc4j.dsp.pitchshift;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.port.out.Resampler;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code pitch_change_all}: a time-preserving pitch shift the way SoX {@code pitch} does it (aicovergen-pipeline.md
 * 4.5): a WSOLA time-stretch by {@code r = 2^(semitones/12)} and a band-limited rate change by {@code 1/r}. Up-shifts
 * stretch first (as SoX); down-shifts change the rate first, so that WSOLA always works on the longer signal and
 * its alignment error (up to a search window plus an overlap) is never magnified. The rate change uses integer rates
 * (one of them {@code round(fs r^+-1)}), so the pitch ratio is exact to under 0.03 cents at 32 kHz and above. The
 * output has exactly the input's frame count.
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
            throw new InvalidParameterException("pitch_change_all", "must be between -" + MAX_SEMITONES + " and "
                    + MAX_SEMITONES + " semitones, got " + semitones);
        }
        if (semitones == 0 || clip.isEmpty()) {
            return clip;
        }
        int rate = clip.sampleRate();
        int frames = clip.frameCount();
        double ratio = Math.pow(2, semitones / 12.0);
        float[][] in = new float[clip.channelCount()][];
        for (int c = 0; c < in.length; c++) {
            in[c] = clip.channel(c);
        }
        WsolaStretcher wsola = new WsolaStretcher(rate);
        float[][] out = new float[in.length][];
        if (ratio > 1) {
            // Up: stretch first (the signal gets longer), then the rate change shortens it: WSOLA's timing error
            // shrinks by 1/r. Rates fs -> round(fs / r); the stretch targets exactly the input length afterwards.
            int virtualRate = (int) Math.round(rate / ratio);
            int stretched = (int) Math.round((double) frames * rate / virtualRate);
            float[][] slow = wsola.stretch(in, stretched);
            for (int c = 0; c < in.length; c++) {
                out[c] = Arrays.copyOf(resampler.resample(slow[c], rate, virtualRate), frames);
            }
        } else {
            // Down: slow down first (rates round(fs r) -> fs lengthen by ~1/r and lower every frequency by r), then
            // WSOLA compresses back to the input length, so its timing error is not magnified by 1/r.
            int virtualRate = (int) Math.round(rate * ratio);
            float[][] slow = new float[in.length][];
            for (int c = 0; c < in.length; c++) {
                slow[c] = resampler.resample(in[c], virtualRate, rate);
            }
            out = wsola.stretch(slow, frames);
        }
        return AudioClip.wrap(rate, out);
    }
}
