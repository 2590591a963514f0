package io.rvc4j.adapter.http;

import io.rvc4j.core.error.EngineException;
import io.rvc4j.engine.Rvc;

/**
 * Builds the real engine for {@code bin/rvc-server}. INTEGRATOR: once {@code Rvc.builder()} exists, the body of
 * {@link #DEFAULT} becomes exactly
 * <pre>{@code config -> Rvc.builder().modelsDir(config.modelsDir()).device(config.device()).build()}</pre>
 * and nothing else in this adapter changes.
 */
final class EngineLauncher {
    static final EngineSource DEFAULT = config -> {
        throw new EngineException("the engine builder is not wired into rvc-server yet (EngineLauncher.DEFAULT); "
                + "models dir " + config.modelsDir().toAbsolutePath() + ", device " + config.device());
    };

    private EngineLauncher() {
    }

    static Rvc open(ServerConfig config) {
        return DEFAULT.open(config);
    }
}
