package io.rvc4j.adapter.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the models are and where inference runs; shared by every command that needs the engine. */
final class EngineOptions {
    /** AICoverGen's default models directory, relative to the working directory. */
    static final String DEFAULT_MODELS_DIR = "rvc_models";

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Models directory (AICoverGen layout or a flat folder of .pth). Default: $RVC_MODELS_DIR or ./"
                    + DEFAULT_MODELS_DIR + ".")
    Path modelsDir;

    @Option(names = "--device", paramLabel = "DEVICE",
            description = "cpu, gpu or gpu:N. Default: gpu:$GPU_INDEX when set, else the first GPU if any, else cpu.")
    String device;

    @Option(names = "--precision", paramLabel = "TYPE",
            description = "Number type of the synthesizer's generator: fp32 (the reference's) or fp16 (for GPUs; on "
                    + "a CPU without half-precision units it is far slower). Default: $RVC_PRECISION, else fp32.")
    String precision;

    Path modelsDir() {
        if (modelsDir != null) {
            return modelsDir;
        }
        String env = System.getenv("RVC_MODELS_DIR");
        return Path.of(env == null || env.isBlank() ? DEFAULT_MODELS_DIR : env);
    }
}
