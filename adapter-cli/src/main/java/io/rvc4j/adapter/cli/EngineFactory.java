package io.rvc4j.adapter.cli;

import io.rvc4j.engine.Rvc;

/** Opens the engine for a command; tests substitute their own. */
@FunctionalInterface
interface EngineFactory {
    EngineFactory DEFAULT = options -> Rvc.builder().modelsDir(options.modelsDir()).device(options.device)
            .precision(options.precision).build();

    Rvc open(EngineOptions options);
}
