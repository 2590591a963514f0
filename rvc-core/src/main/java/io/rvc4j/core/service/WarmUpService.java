package io.rvc4j.core.service;

import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.WarmUpUseCase;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.VoiceConverter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warms up a voice and a pitch method: the pitch weights load on a helper thread while the calling thread warms up the
 * voice ({@link VoiceConverter#warmUp}: the model, its index and the content encoder). Loading is mostly
 * single-threaded file parsing, so on two or more cores the two overlap almost completely.
 */
public final class WarmUpService implements WarmUpUseCase {
    private final ModelRegistry registry;
    private final PitchExtractor pitchExtractor;
    private final VoiceConverter converter;

    public WarmUpService(ModelRegistry registry, PitchExtractor pitchExtractor, VoiceConverter converter) {
        this.registry = registry;
        this.pitchExtractor = pitchExtractor;
        this.converter = converter;
    }

    @Override
    public void warmUp(ModelRef model, PitchMethod method) {
        VoiceModelInfo info = registry.resolve(model);
        AtomicReference<RuntimeException> pitchFailure = new AtomicReference<>();
        Thread pitch = new Thread(() -> {
            try {
                pitchExtractor.warmUp(method);
            } catch (RuntimeException e) {
                pitchFailure.set(e);
            }
        }, "rvc-warm-up-pitch");
        pitch.setDaemon(true);
        pitch.start();
        RuntimeException voiceFailure = null;
        try {
            converter.warmUp(info);
        } catch (RuntimeException e) {
            voiceFailure = e;
        }
        try {
            pitch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the pitch model was loading", e);
        }
        if (voiceFailure != null) {
            if (pitchFailure.get() != null) {
                voiceFailure.addSuppressed(pitchFailure.get());
            }
            throw voiceFailure;
        }
        if (pitchFailure.get() != null) {
            throw pitchFailure.get();
        }
    }
}
