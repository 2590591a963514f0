package io.rvc4j.adapter.runpod;

import io.rvc4j.core.error.EngineException;
import io.rvc4j.engine.Rvc;
import java.nio.file.Path;

/**
 * How the worker gets its engine: built once, kept for the worker's life, so models stay loaded across jobs. The one
 * production implementation is the engine's builder; tests pass an engine wired over in-test ports.
 */
interface EngineSource {

    Rvc open(Path modelsDir, String device);

    /**
     * Used until {@code Rvc.builder()} exists in rvc-engine-djl; see {@code src/pending/BuilderEngineSource.java}
     * and docs/runpod.md for the two steps that replace it.
     */
    static EngineSource unwired() {
        return (dir, device) -> {
            throw new EngineException("the engine builder is not wired into adapter-runpod yet (Rvc.builder() is"
                    + " missing); models dir " + dir + ", device " + device);
        };
    }
}
