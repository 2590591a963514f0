package io.rvc4j.engine;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.out.VoiceConverter;
import io.rvc4j.engine.pipeline.AudioConditioner;
import io.rvc4j.engine.pipeline.DjlVoiceConverter;
import java.util.function.Supplier;

/**
 * Starts the DJL converter (and with it the content encoder) on first use, so the engine starts in well under a
 * second, lists models and reports health even when {@code hubert_base.pt} is missing; the first conversion then says
 * exactly what is missing. Conditioning needs no model and runs without starting anything.
 */
final class LazyVoiceConverter implements VoiceConverter, AutoCloseable {
    private final Supplier<DjlVoiceConverter> factory;
    private final DeviceInfo device;
    private final AudioConditioner conditioner = new AudioConditioner();
    private volatile DjlVoiceConverter delegate;
    private boolean closed;

    LazyVoiceConverter(Supplier<DjlVoiceConverter> factory, DeviceInfo device) {
        this.factory = factory;
        this.device = device;
    }

    @Override
    public VoiceProfile profile(VoiceModelInfo model) {
        return started().profile(model);
    }

    @Override
    public void warmUp(VoiceModelInfo model) {
        started().warmUp(model);
    }

    @Override
    public PreparedAudio prepare(float[] audio16k) {
        return conditioner.prepare(audio16k);
    }

    @Override
    public AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams params) {
        return started().convert(model, audio, f0, params);
    }

    @Override
    public DeviceInfo device() {
        return device;
    }

    /** Whether the neural converter has been started (for health reports). */
    boolean isStarted() {
        return delegate != null;
    }

    private DjlVoiceConverter started() {
        DjlVoiceConverter d = delegate;
        if (d == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the engine is closed");
                }
                d = delegate;
                if (d == null) {
                    d = factory.get();
                    delegate = d;
                }
            }
        }
        return d;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (delegate != null) {
            delegate.close();
        }
    }
}
