package io.rvc4j.adapter.runpod;

import io.rvc4j.engine.Rvc;
import java.nio.file.Path;

/**
 * The production engine: the composition root of rvc-engine-djl, built once per worker.
 */
final class BuilderEngineSource implements EngineSource {
    @Override
    public Rvc open(Path modelsDir, String device) {
        return Rvc.builder().modelsDir(modelsDir).device(device).build();
    }
}
