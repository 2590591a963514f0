package io.rvc4j.adapter.http;

import io.rvc4j.engine.Rvc;

/** How the server gets its engine: the one place that builds it, so tests and the launcher can differ. */
@FunctionalInterface
interface EngineSource {
    Rvc open(ServerConfig config);
}
