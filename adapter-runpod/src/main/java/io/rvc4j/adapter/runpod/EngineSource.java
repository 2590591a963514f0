package io.rvc4j.adapter.runpod;

import io.rvc4j.engine.Rvc;
import java.nio.file.Path;

/**
 * How the worker gets its engine: built once, kept for the worker's life, so models stay loaded across jobs. The one
 * production implementation is the engine's builder; tests pass an engine wired over in-test ports.
 */
interface EngineSource {

    Rvc open(Path modelsDir, String device);
}
