package io.rvc4j.dsp.effects;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ReverbParams;

/**
 * AICoverGen's {@code add_audio_effects} board: {@code HighpassFilter()} then {@code Compressor(ratio=4,
 * threshold_db=-15)} then {@code Reverb(...)}, per channel, at the clip's rate, state kept across the whole clip
 * (pedalboard's {@code reset=False} chunks equal continuous processing). Output length equals input length: the
 * reverb tail is cut, as in AICoverGen. No clipping here; the mixer handles peaks.
 */
public final class VocalChain {
    private final boolean undenormalise;

    /** @param undenormalise replicate JUCE's x86 reverb denormal guard (see {@link Freeverb}) */
    public VocalChain(boolean undenormalise) {
        this.undenormalise = undenormalise;
    }

    public VocalChain() {
        this(true);
    }

    public AudioClip apply(AudioClip clip, ReverbParams reverb) {
        int rate = clip.sampleRate();
        float[][] ch = new float[clip.channelCount()][];
        for (int c = 0; c < ch.length; c++) {
            ch[c] = clip.channel(c);
            new FirstOrderHighpass(rate, FirstOrderHighpass.DEFAULT_CUTOFF_HZ).process(ch[c]);
            JuceCompressor.aiCoverGen(rate).process(ch[c]);
        }
        if (ch.length == 2) {
            new Freeverb(rate, reverb, undenormalise).processStereo(ch[0], ch[1]);
        } else {
            // JUCE's dsp::Reverb handles one or two channels; more channels get a mono reverb each.
            for (float[] c : ch) {
                new Freeverb(rate, reverb, undenormalise).processMono(c);
            }
        }
        return AudioClip.wrap(rate, ch);
    }
}
