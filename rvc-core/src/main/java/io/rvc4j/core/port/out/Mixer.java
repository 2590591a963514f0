package io.rvc4j.core.port.out;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.model.Stem;
import java.util.List;

/** The cover's DSP: AICoverGen's vocal chain, the overall pitch shift and the mix. */
public interface Mixer {

    /** High-pass 50 Hz, compressor (-15 dB, 4:1), then Freeverb with the given settings, as pedalboard applies them. */
    AudioClip applyVocalEffects(AudioClip vocals, ReverbParams reverb);

    /** Shifts pitch by {@code semitones}, keeping duration. */
    AudioClip pitchShift(AudioClip audio, int semitones);

    /**
     * Sums the stems after their gains, converted to {@code sampleRate} and stereo; the mix is as long as the longest
     * stem, and its peaks are handled by {@code policy}.
     */
    AudioClip mix(List<Stem> stems, int sampleRate, PeakPolicy policy);
}
