package io.rvc4j.adapter.http;

import io.javalin.http.Context;
import io.rvc4j.core.model.HealthReport;
import io.rvc4j.engine.Rvc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Liveness ({@code GET /health}: the process answers) and readiness ({@code GET /ready}: engine and models). */
final class HealthRoutes {
    private final Rvc rvc;
    private final ServerConfig config;
    private final AccessGuard guard;
    private final WorkQueue queue;
    private final StreamRegistry streams;

    HealthRoutes(Rvc rvc, ServerConfig config, AccessGuard guard, WorkQueue queue, StreamRegistry streams) {
        this.rvc = rvc;
        this.config = config;
        this.guard = guard;
        this.queue = queue;
        this.streams = streams;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    /** 200 when the engine reports healthy, at least one voice model exists and the server is not draining; else 503. */
    void ready(Context ctx) {
        HealthReport report = rvc.checkHealth().health();
        List<String> problems = new ArrayList<>(report.problems());
        if (report.healthy() && report.models().isEmpty()) {
            problems.add("no voice models in " + config.modelsDir().toAbsolutePath());
        }
        if (guard.draining()) {
            problems.add("the server is shutting down");
        }
        boolean ready = report.healthy() && problems.isEmpty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("device", report.device().name());
        body.put("gpu_available", report.device().gpuAvailable());
        body.put("models", report.models().size());
        body.put("queue", Map.of("load", queue.load(), "workers", config.workers(), "capacity",
                config.workers() + config.queueSize()));
        body.put("streams", Map.of("active", streams.activeCount(), "pending", streams.pendingCount(),
                "max", config.maxStreams()));
        body.put("problems", problems);
        if (!ready) {
            ctx.header("Retry-After", "5");
        }
        ctx.status(ready ? 200 : 503).json(body);
    }
}
