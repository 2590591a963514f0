package io.rvc4j.adapter.cli;

import io.rvc4j.engine.Rvc;

/** Opens the engine for a command; tests substitute their own. */
@FunctionalInterface
interface EngineFactory {
    EngineFactory DEFAULT = options -> {
        var builder = Rvc.builder().modelsDir(options.modelsDir()).device(options.device);
        if (options.precision != null) {
            builder.precision(options.precision);
        }
        return builder.build();
    };

    Rvc open(EngineOptions options);
}
