package io.rvc4j.dsp.effects;

import io.rvc4j.core.model.ReverbParams;

/**
 * pedalboard's {@code Reverb} = {@code juce::dsp::Reverb} over {@code juce::Reverb}, Jezar's Freeverb
 * (aicovergen-pipeline.md 6.3): 8 parallel low-pass-feedback combs into 4 series all-passes per side, the right side's
 * delays 23 samples (at 44.1 kHz) longer. Mono input runs JUCE's {@code processMono} (left bank only, wet1 and dry);
 * stereo runs {@code processStereo}. Width 1, freeze off, as AICoverGen leaves them. Parameters are set before
 * {@code prepare}, so JUCE's smoothers start at their targets and constant gains are exact. 32-bit float throughout.
 */
public final class Freeverb {
    /** Jezar's tunings at 44.1 kHz (juce_Reverb.h). */
    private static final int[] COMB_TUNINGS = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
    private static final int[] ALLPASS_TUNINGS = {556, 441, 341, 225};
    private static final int STEREO_SPREAD = 23;
    private static final int TUNING_RATE = 44_100;
    /** Freeverb's scale factors: fixedgain, scalewet, scaledry, scaleroom, offsetroom, scaledamp. */
    private static final float INPUT_GAIN = 0.015f;
    private static final float WET_SCALE = 3.0f;
    private static final float DRY_SCALE = 2.0f;
    private static final float ROOM_SCALE = 0.28f;
    private static final float ROOM_OFFSET = 0.7f;
    private static final float DAMP_SCALE = 0.4f;
    private static final float WIDTH = 1.0f;

    private final Comb[][] combs = new Comb[2][COMB_TUNINGS.length];
    private final AllPass[][] allPasses = new AllPass[2][ALLPASS_TUNINGS.length];
    private final float dryGain;
    private final float wetGain1;
    private final float wetGain2;

    /**
     * @param undenormalise apply JUCE's x86 {@code JUCE_UNDENORMALISE} (add then subtract 0.1f) to the comb and
     *     all-pass state, for bit parity with x86 builds of pedalboard; false is the ARM behaviour
     */
    public Freeverb(int sampleRate, ReverbParams params, boolean undenormalise) {
        float wet = (float) params.wetLevel() * WET_SCALE;
        this.dryGain = (float) params.dryLevel() * DRY_SCALE;
        this.wetGain1 = 0.5f * wet * (1.0f + WIDTH);
        this.wetGain2 = 0.5f * wet * (1.0f - WIDTH);
        float damp = (float) params.damping() * DAMP_SCALE;
        float feedback = (float) params.roomSize() * ROOM_SCALE + ROOM_OFFSET;
        for (int side = 0; side < 2; side++) {
            int spread = side * STEREO_SPREAD;
            for (int i = 0; i < COMB_TUNINGS.length; i++) {
                combs[side][i] = new Comb(delay(sampleRate, COMB_TUNINGS[i] + spread), damp, feedback, undenormalise);
            }
            for (int i = 0; i < ALLPASS_TUNINGS.length; i++) {
                allPasses[side][i] = new AllPass(delay(sampleRate, ALLPASS_TUNINGS[i] + spread), undenormalise);
            }
        }
    }

    /** JUCE's integer scaling of a 44.1 kHz tuning: {@code (int(rate) * tuning) / 44100}. */
    static int delay(int sampleRate, int tuning) {
        return (int) ((long) sampleRate * tuning / TUNING_RATE);
    }

    /** Comb delays of one side (0 left, 1 right), for tests and docs. */
    int[] combDelays(int side) {
        int[] d = new int[COMB_TUNINGS.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = combs[side][i].buffer.length;
        }
        return d;
    }

    /** {@code processMono}: in place, left bank. */
    public void processMono(float[] x) {
        for (int i = 0; i < x.length; i++) {
            float input = x[i] * INPUT_GAIN;
            float out = 0;
            for (Comb c : combs[0]) {
                out += c.process(input);
            }
            for (AllPass a : allPasses[0]) {
                out = a.process(out);
            }
            x[i] = out * wetGain1 + x[i] * dryGain;
        }
    }

    /** {@code processStereo}: in place; both banks are fed the sum of the channels. */
    public void processStereo(float[] left, float[] right) {
        for (int i = 0; i < left.length; i++) {
            float input = (left[i] + right[i]) * INPUT_GAIN;
            float outL = 0;
            float outR = 0;
            for (int j = 0; j < COMB_TUNINGS.length; j++) {
                outL += combs[0][j].process(input);
                outR += combs[1][j].process(input);
            }
            for (int j = 0; j < ALLPASS_TUNINGS.length; j++) {
                outL = allPasses[0][j].process(outL);
                outR = allPasses[1][j].process(outR);
            }
            left[i] = outL * wetGain1 + outR * wetGain2 + left[i] * dryGain;
            right[i] = outR * wetGain1 + outL * wetGain2 + right[i] * dryGain;
        }
    }

    private static float undenormalise(float v) {
        v += 0.1f;
        v -= 0.1f;
        return v;
    }

    /** Lowpass-feedback comb (juce::Reverb::CombFilter). */
    private static final class Comb {
        private final float[] buffer;
        private final float damp;
        private final float feedback;
        private final boolean guard;
        private int index;
        private float last;

        Comb(int size, float damp, float feedback, boolean guard) {
            this.buffer = new float[Math.max(1, size)];
            this.damp = damp;
            this.feedback = feedback;
            this.guard = guard;
        }

        float process(float input) {
            float output = buffer[index];
            last = output * (1.0f - damp) + last * damp;
            if (guard) {
                last = undenormalise(last);
            }
            float temp = input + last * feedback;
            buffer[index] = guard ? undenormalise(temp) : temp;
            index = (index + 1) % buffer.length;
            return output;
        }
    }

    /** Schroeder all-pass with coefficient 0.5 (juce::Reverb::AllPassFilter). */
    private static final class AllPass {
        private final float[] buffer;
        private final boolean guard;
        private int index;

        AllPass(int size, boolean guard) {
            this.buffer = new float[Math.max(1, size)];
            this.guard = guard;
        }

        float process(float input) {
            float buffered = buffer[index];
            float temp = input + buffered * 0.5f;
            buffer[index] = guard ? undenormalise(temp) : temp;
            index = (index + 1) % buffer.length;
            return buffered - input;
        }
    }
}
