package io.rvc4j.dsp.pitch;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.PitchRequest;

/** Checks shared by the extractors: usable 16 kHz audio and RVC's frame count {@code p_len}. */
final class PitchInput {
    /** RVC's hop at 16 kHz: one f0 frame per 160 samples ({@code Pipeline.window}). */
    static final int HOP = 160;
    static final int SAMPLE_RATE = 16000;

    private PitchInput() {
    }

    /**
     * RVC's {@code p_len = len(audio_pad) // 160}, after checking the samples are present, finite and long enough
     * for at least one frame.
     */
    static int frames(float[] audio16k, String method) {
        if (audio16k == null || audio16k.length == 0) {
            throw new InvalidAudioException(method + " pitch: no audio samples");
        }
        if (audio16k.length < HOP) {
            throw new InvalidAudioException(method + " pitch: " + audio16k.length
                    + " samples is shorter than one 10 ms frame (" + HOP + " samples at 16 kHz)");
        }
        for (int i = 0; i < audio16k.length; i++) {
            if (!Float.isFinite(audio16k[i])) {
                throw new InvalidAudioException(method + " pitch: sample " + i + " is " + audio16k[i]
                        + "; audio must be finite");
            }
        }
        return audio16k.length / HOP;
    }

    static void checkRequest(PitchRequest request) {
        if (request == null) {
            throw new InvalidParameterException("f0_method", "a pitch request is required");
        }
        if (request.filterRadius() < 0) {
            throw new InvalidParameterException("filter_radius", "must be >= 0, got " + request.filterRadius());
        }
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
