package io.rvc4j.adapter.http;

import io.rvc4j.engine.Rvc;

/** Builds the real engine for {@code bin/rvc-server} through the engine's composition root. */
final class EngineLauncher {
    static final EngineSource DEFAULT =
            config -> Rvc.builder().modelsDir(config.modelsDir()).device(config.device()).build();

    private EngineLauncher() {
    }

    static Rvc open(ServerConfig config) {
        return DEFAULT.open(config);
    }
}
