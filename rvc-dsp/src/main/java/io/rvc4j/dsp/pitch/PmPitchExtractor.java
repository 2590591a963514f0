package io.rvc4j.dsp.pitch;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;

/**
 * RVC's {@code pm} method ({@code Pipeline.get_f0}): Praat's autocorrelation pitch with
 * {@code time_step = 0.01, voicing_threshold = 0.6, pitch_floor = 50, pitch_ceiling = 1100}, whose frames are fitted
 * symmetrically into the signal, then zero-padded to {@code p_len} with {@code (p_len - n + 1) // 2} zeros on the left
 * and the rest on the right, exactly as RVC pads them.
 */
public final class PmPitchExtractor implements PitchExtractor {
    private final PraatPitch praat = new PraatPitch(PraatPitch.Settings.rvc());

    @Override
    public PitchTrack extract(float[] audio16k, PitchRequest request) {
        PitchInput.checkRequest(request);
        int pLen = PitchInput.frames(audio16k, "pm");
        if (praat.frameCount(audio16k.length, PitchInput.SAMPLE_RATE) < 1) {
            throw new InvalidAudioException("pm pitch: " + audio16k.length + " samples is shorter than Praat's 60 ms "
                    + "analysis window (960 samples at 16 kHz)");
        }
        double[] f0 = praat.estimate(PitchInput.toDouble(audio16k), PitchInput.SAMPLE_RATE);
        return PitchTrack.wrap(padLikeRvc(f0, pLen), PitchTrack.RVC_FRAME_RATE);
    }

    /** RVC's centring pad; a longer track (which Praat's frame fit never gives) is cut at the end. */
    static float[] padLikeRvc(double[] f0, int pLen) {
        int left = Math.max(0, Math.floorDiv(pLen - f0.length + 1, 2));
        float[] out = new float[pLen];
        for (int i = 0; i < f0.length && left + i < pLen; i++) {
            out[left + i] = (float) f0[i];
        }
        return out;
    }
}
