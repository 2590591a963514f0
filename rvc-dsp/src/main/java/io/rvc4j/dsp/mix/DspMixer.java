package io.rvc4j.dsp.mix;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.model.Stem;
import io.rvc4j.core.port.out.Mixer;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.dsp.effects.VocalChain;
import io.rvc4j.dsp.pitchshift.WsolaPitchShifter;
import java.util.List;
import java.util.Objects;

/**
 * The cover's DSP in pure Java: the pedalboard vocal chain, the WSOLA pitch shift, and a float mix. Deviations from
 * AICoverGen's pydub mix, on purpose (aicovergen-pipeline.md section 5): band-limited resampling instead of
 * {@code audioop.ratecv}'s linear interpolation, float summing instead of floored 16-bit steps, the mix as long as
 * the longest stem (the port's contract; pydub cuts to the main vocal), and by default a limiter instead of a clip.
 */
public final class DspMixer implements Mixer {
    /** Largest int16 over 32768: pydub's positive full scale in float terms. */
    private static final float INT16_POSITIVE_FULL_SCALE = 32767f / 32768f;

    private final Resampler resampler;
    private final VocalChain vocalChain;
    private final WsolaPitchShifter pitchShifter;
    private final PeakLimiter limiter;

    public DspMixer(Resampler resampler, VocalChain vocalChain, WsolaPitchShifter pitchShifter, PeakLimiter limiter) {
        this.resampler = Objects.requireNonNull(resampler, "resampler");
        this.vocalChain = Objects.requireNonNull(vocalChain, "vocalChain");
        this.pitchShifter = Objects.requireNonNull(pitchShifter, "pitchShifter");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** The defaults: JUCE x86 reverb parity, WSOLA shifter and stems resampled with {@code resampler}, -0.1 dBFS limiter. */
    public DspMixer(Resampler resampler) {
        this(resampler, new VocalChain(), new WsolaPitchShifter(resampler), new PeakLimiter());
    }

    @Override
    public AudioClip applyVocalEffects(AudioClip vocals, ReverbParams reverb) {
        return vocalChain.apply(Objects.requireNonNull(vocals, "vocals"), Objects.requireNonNull(reverb, "reverb"));
    }

    @Override
    public AudioClip pitchShift(AudioClip audio, int semitones) {
        return pitchShifter.shift(Objects.requireNonNull(audio, "audio"), semitones);
    }

    @Override
    public AudioClip mix(List<Stem> stems, int sampleRate, PeakPolicy policy) {
        if (stems == null || stems.isEmpty()) {
            throw new InvalidAudioException("there are no stems to mix");
        }
        if (sampleRate < 1 || sampleRate > AudioClip.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("mix rate must be 1.." + AudioClip.MAX_SAMPLE_RATE + ", got " + sampleRate);
        }
        float[][][] converted = new float[stems.size()][][];
        int length = 0;
        for (int s = 0; s < stems.size(); s++) {
            converted[s] = stereoAt(stems.get(s).audio(), sampleRate);
            length = Math.max(length, converted[s][0].length);
        }
        float[][] mix = new float[2][length];
        for (int s = 0; s < stems.size(); s++) {
            float gain = (float) Math.pow(10, stems.get(s).gainDb() / 20);
            for (int c = 0; c < 2; c++) {
                float[] src = converted[s][c];
                float[] dst = mix[c];
                for (int i = 0; i < src.length; i++) {
                    dst[i] += src[i] * gain;
                }
            }
        }
        if (policy == PeakPolicy.CLIP) {
            for (float[] ch : mix) {
                for (int i = 0; i < ch.length; i++) {
                    ch[i] = Math.max(-1f, Math.min(INT16_POSITIVE_FULL_SCALE, ch[i]));
                }
            }
        } else {
            limiter.process(mix, sampleRate);
        }
        return AudioClip.wrap(sampleRate, mix);
    }

    /** The clip at the mix rate as two channels: mono is duplicated (pydub's set_channels), more than two keep 0 and 1. */
    private float[][] stereoAt(AudioClip clip, int rate) {
        float[] left = clip.channel(0);
        float[] right = clip.channelCount() > 1 ? clip.channel(1) : null;
        if (clip.sampleRate() != rate) {
            left = resampler.resample(left, clip.sampleRate(), rate);
            right = right == null ? null : resampler.resample(right, clip.sampleRate(), rate);
        }
        return new float[][] {left, right == null ? left : right};
    }
}
