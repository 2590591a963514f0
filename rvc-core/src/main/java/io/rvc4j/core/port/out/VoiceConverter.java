package io.rvc4j.core.port.out;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;

/** The RVC model: content features, index retrieval and synthesis, as the reference pipeline runs them. */
public interface VoiceConverter {

    /** Loads (or finds loaded) a model and tells what it is. */
    VoiceProfile profile(VoiceModelInfo model);

    /** Conditions 16 kHz input as the reference does before pitch extraction (peak guard, high-pass, reflect pad). */
    PreparedAudio prepare(float[] audio16k);

    /**
     * Converts prepared audio.
     *
     * @param f0 the extracted track over the padded signal (ignored for no-f0 models); the converter applies the key
     *     shift, the f0-file override and the coarse quantisation itself
     * @return audio at the model's rate, or at {@link ConversionParams#outputSampleRate()} when set
     */
    AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams params);

    /** Where inference runs. */
    DeviceInfo device();

    /**
     * Loads everything a conversion with {@code model} needs (the model, its index, shared networks) ahead of the
     * first request. The default loads the model through {@link #profile}.
     */
    default void warmUp(VoiceModelInfo model) {
        profile(model);
    }
}
