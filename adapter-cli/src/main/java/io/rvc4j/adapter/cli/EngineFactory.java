package io.rvc4j.adapter.cli;

import io.rvc4j.dsp.codec.CodecOptions;
import io.rvc4j.engine.Rvc;

/** Opens the engine for a command; tests substitute their own. */
@FunctionalInterface
interface EngineFactory {
    EngineFactory DEFAULT = (options, codec) -> Rvc.builder().modelsDir(options.modelsDir()).device(options.device)
            .precision(options.precision).codecOptions(codec).build();

    Rvc open(EngineOptions options, CodecOptions codec);

    /** An engine that encodes with the default options. */
    default Rvc open(EngineOptions options) {
        return open(options, CodecOptions.defaults());
    }
}
