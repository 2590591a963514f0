package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidParameterException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server is configured with, from flags first, then environment variables, then defaults. The seed's
 * conversion defaults ({@code MODEL_NAME}, {@code PITCH_CHANGE}, ...) live in {@link ParamDefaults}.
 *
 * @param host interface to bind ({@code --host}, {@code HOST}; default all interfaces)
 * @param port {@code --port}, {@code PORT}; default 8000 as in the seed, 0 picks a free port
 * @param modelsDir {@code --models-dir}, {@code RVC_MODELS_DIR}; default {@code ./rvc_models}
 * @param device {@code --device}, {@code RVC_DEVICE} (strict: a GPU that is not there stops start-up); else {@code auto},
 *     which takes GPU {@code GPU_INDEX} (default 0) when GPUs are visible and the CPU when none is
 * @param apiKey {@code RVC_API_KEY}; when present every route except {@code /}, {@code /health} and the docs needs it
 * @param corsOrigins {@code RVC_CORS_ORIGINS}, comma separated, {@code *} for any; empty turns CORS off
 * @param maxUploadBytes largest request body for conversions and covers ({@code RVC_MAX_UPLOAD_MB}, default 100)
 * @param maxModelUploadBytes largest model upload ({@code RVC_MAX_MODEL_UPLOAD_MB}, default 1024)
 * @param workers conversions that run at once ({@code RVC_WORKERS}, default 1: one GPU runs one model call well)
 * @param queueSize conversions that may wait for a worker ({@code RVC_QUEUE_SIZE}, default 8); beyond it: 503
 * @param maxStreams WebSocket sessions open or pending at once ({@code RVC_MAX_STREAMS}, default 16)
 * @param streamIdle a connected stream with no message for this long is closed ({@code RVC_STREAM_IDLE_SECONDS}, 30)
 * @param sessionTtl a session from {@code POST /convert/stream} not connected within this is dropped
 *     ({@code RVC_SESSION_TTL_SECONDS}, 60)
 * @param shutdownGrace how long a stop waits for in-flight work ({@code RVC_SHUTDOWN_GRACE_SECONDS}, 30)
 * @param defaults the seed's per-request defaults
 */
record ServerConfig(
        String host,
        int port,
        Path modelsDir,
        String device,
        Optional<String> apiKey,
        List<String> corsOrigins,
        long maxUploadBytes,
        long maxModelUploadBytes,
        int workers,
        int queueSize,
        int maxStreams,
        Duration streamIdle,
        Duration sessionTtl,
        Duration shutdownGrace,
        ParamDefaults defaults) {

    static final int DEFAULT_PORT = 8000;
    private static final long MB = 1024L * 1024L;

    ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new InvalidParameterException("port", "must be between 0 and 65535, got " + port);
        }
        positive("RVC_WORKERS", workers);
        positive("RVC_MAX_STREAMS", maxStreams);
        if (queueSize < 0) {
            throw new InvalidParameterException("RVC_QUEUE_SIZE", "must be 0 or more, got " + queueSize);
        }
        apiKey = apiKey.filter(k -> !k.isBlank());
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Reads flags ({@code --port N}, {@code --host H}, {@code --models-dir D}, {@code --device D}) over {@code env}. */
    static ServerConfig from(String[] args, Map<String, String> env) {
        Map<String, String> flags = Flags.parse(args);
        String device = flags.getOrDefault("device", env.get("RVC_DEVICE"));
        if (device == null || device.isBlank()) {
            // The seed's GPU_INDEX goes to the engine's "auto", which reads it: that GPU when GPUs are visible, the
            // CPU when none is (as the seed's torch code did; Main logs a warning). An explicit device stays strict.
            gpuIndex(env);
            device = "auto";
        }
        return new ServerConfig(
                flags.getOrDefault("host", env.getOrDefault("HOST", "0.0.0.0")),
                Flags.integer("port", flags.getOrDefault("port", env.getOrDefault("PORT", Integer.toString(DEFAULT_PORT)))),
                Path.of(flags.getOrDefault("models-dir", env.getOrDefault("RVC_MODELS_DIR", "rvc_models"))),
                device,
                Optional.ofNullable(env.get("RVC_API_KEY")),
                Arrays.stream(env.getOrDefault("RVC_CORS_ORIGINS", "").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                Flags.integer("RVC_MAX_UPLOAD_MB", env.getOrDefault("RVC_MAX_UPLOAD_MB", "100")) * MB,
                Flags.integer("RVC_MAX_MODEL_UPLOAD_MB", env.getOrDefault("RVC_MAX_MODEL_UPLOAD_MB", "1024")) * MB,
                Flags.integer("RVC_WORKERS", env.getOrDefault("RVC_WORKERS", "1")),
                Flags.integer("RVC_QUEUE_SIZE", env.getOrDefault("RVC_QUEUE_SIZE", "8")),
                Flags.integer("RVC_MAX_STREAMS", env.getOrDefault("RVC_MAX_STREAMS", "16")),
                Duration.ofSeconds(Flags.integer("RVC_STREAM_IDLE_SECONDS", env.getOrDefault("RVC_STREAM_IDLE_SECONDS", "30"))),
                Duration.ofSeconds(Flags.integer("RVC_SESSION_TTL_SECONDS", env.getOrDefault("RVC_SESSION_TTL_SECONDS", "60"))),
                Duration.ofSeconds(Flags.integer("RVC_SHUTDOWN_GRACE_SECONDS",
                        env.getOrDefault("RVC_SHUTDOWN_GRACE_SECONDS", "30"))),
                ParamDefaults.fromEnv(env));
    }

    /** {@code GPU_INDEX} when set: a non-negative integer, else a start-up error naming it. */
    static Optional<Integer> gpuIndex(Map<String, String> env) {
        String gpu = env.get("GPU_INDEX");
        if (gpu == null || gpu.isBlank()) {
            return Optional.empty();
        }
        int index = Flags.integer("GPU_INDEX", gpu.trim());
        if (index < 0) {
            throw new InvalidParameterException("GPU_INDEX", "must be 0 or more, got " + index);
        }
        return Optional.of(index);
    }

    /** Defaults throughout, for embedding and tests; {@code port} 0 picks a free port. */
    static ServerConfig defaults(Path modelsDir) {
        return from(new String[] {"--port", "0", "--host", "127.0.0.1", "--models-dir", modelsDir.toString()}, Map.of());
    }

    ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, modelsDir, device, Optional.ofNullable(key), corsOrigins, maxUploadBytes,
                maxModelUploadBytes, workers, queueSize, maxStreams, streamIdle, sessionTtl, shutdownGrace, defaults);
    }

    ServerConfig withCors(List<String> origins) {
        return new ServerConfig(host, port, modelsDir, device, apiKey, origins, maxUploadBytes, maxModelUploadBytes,
                workers, queueSize, maxStreams, streamIdle, sessionTtl, shutdownGrace, defaults);
    }

    ServerConfig withLimits(long uploadBytes, long modelUploadBytes) {
        return new ServerConfig(host, port, modelsDir, device, apiKey, corsOrigins, uploadBytes, modelUploadBytes,
                workers, queueSize, maxStreams, streamIdle, sessionTtl, shutdownGrace, defaults);
    }

    ServerConfig withQueue(int workerCount, int waiting) {
        return new ServerConfig(host, port, modelsDir, device, apiKey, corsOrigins, maxUploadBytes, maxModelUploadBytes,
                workerCount, waiting, maxStreams, streamIdle, sessionTtl, shutdownGrace, defaults);
    }

    ServerConfig withStreams(int max, Duration idle, Duration ttl) {
        return new ServerConfig(host, port, modelsDir, device, apiKey, corsOrigins, maxUploadBytes, maxModelUploadBytes,
                workers, queueSize, max, idle, ttl, shutdownGrace, defaults);
    }

    ServerConfig withDefaults(ParamDefaults paramDefaults) {
        return new ServerConfig(host, port, modelsDir, device, apiKey, corsOrigins, maxUploadBytes, maxModelUploadBytes,
                workers, queueSize, maxStreams, streamIdle, sessionTtl, shutdownGrace, paramDefaults);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new InvalidParameterException(name, "must be 1 or more, got " + value);
        }
    }
}
