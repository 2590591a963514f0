package io.rvc4j.core.service;

import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.WarmUpUseCase;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.VoiceConverter;

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
        InParallel.run("rvc-warm-up-pitch", () -> pitchExtractor.warmUp(method), () -> converter.warmUp(info));
    }
}
