package io.rvc4j.engine.bench;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.out.VoiceConverter;

/** Times the converter's steps as stages {@code load} (profile: loads a model on first use), {@code prepare}, {@code convert}. */
final class TimedVoiceConverter implements VoiceConverter {
    private final VoiceConverter delegate;
    private final StageClock clock;

    TimedVoiceConverter(VoiceConverter delegate, StageClock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public VoiceProfile profile(VoiceModelInfo model) {
        return clock.time("load", () -> delegate.profile(model));
    }

    @Override
    public void warmUp(VoiceModelInfo model) {
        clock.time("load", () -> {
            delegate.warmUp(model);
            return null;
        });
    }

    @Override
    public PreparedAudio prepare(float[] audio16k) {
        return clock.time("prepare", () -> delegate.prepare(audio16k));
    }

    @Override
    public AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams params) {
        return clock.time("convert", () -> delegate.convert(model, audio, f0, params));
    }

    @Override
    public DeviceInfo device() {
        return delegate.device();
    }
}
