package io.rvc4j.adapter.runpod;

import io.rvc4j.engine.Rvc;
import java.nio.file.Path;

/**
 * The production engine: the composition root of rvc-engine-djl, built once per worker.
 * Kept out of the build (src/pending) until {@code Rvc.builder()} exists; to wire it, move this file to
 * src/main/java/io/rvc4j/adapter/runpod/ and set {@code Main.ENGINE = new BuilderEngineSource()}.
 */
final class BuilderEngineSource implements EngineSource {
    @Override
    public Rvc open(Path modelsDir, String device) {
        return Rvc.builder().modelsDir(modelsDir).device(device).build();
    }
}
