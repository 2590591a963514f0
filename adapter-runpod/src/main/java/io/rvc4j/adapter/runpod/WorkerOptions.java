package io.rvc4j.adapter.runpod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's settings from its flags and environment. Flags are the SDK's ({@code --test_input}, {@code
 * --rp_serve_api}, {@code --rp_api_port}, {@code --rp_api_host}, {@code --rp_api_concurrency}, {@code
 * --rp_log_level}, {@code --rp_debugger}) plus rvc4j's ({@code --models-dir}, {@code --device}, {@code
 * --concurrency}); {@code --flag value} and {@code --flag=value} both work, and dashes and underscores are
 * interchangeable. An unknown flag is a usage error, not silently ignored.
 *
 * @param testInput the one-shot job JSON from {@code --test_input}
 * @param serveApi start the local API instead of the worker loop
 * @param apiHost local API bind host (the SDK's default is {@code localhost}; use {@code 0.0.0.0} in containers)
 * @param apiPort local API port (default 8000)
 * @param modelsDir flag, else {@code RVC_MODELS_DIR}, else {@code /runpod-volume/rvc_models} when it exists, else
 *     {@code /workspace/rvc_models} (the seed's upload location)
 * @param device flag, else {@code RVC_DEVICE}, else {@code auto}
 * @param concurrency jobs run at once (flag, else {@code RVC_RUNPOD_CONCURRENCY}, else 1, the SDK's start value)
 * @param progressInterval progress update period on long jobs ({@code RVC_RUNPOD_PROGRESS_INTERVAL_S}, default 10
 *     s, 0 turns them off)
 * @param logLevel {@code --rp_log_level}, else {@code RUNPOD_LOG_LEVEL}
 * @param help print usage and exit
 */
record WorkerOptions(Optional<String> testInput, boolean serveApi, String apiHost, int apiPort, Path modelsDir,
        String device, int concurrency, Duration progressInterval, Optional<String> logLevel, boolean help) {

    private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of("test_input", "rp_api_host",
            "rp_api_port", "rp_api_concurrency", "concurrency", "rp_log_level", "models_dir", "device");
    static final Path VOLUME_MODELS = Path.of("/runpod-volume/rvc_models");
    static final Path WORKSPACE_MODELS = Path.of("/workspace/rvc_models");
    static final int DEFAULT_API_PORT = 8000;
    static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

    static final String USAGE = """
            Usage: rvc-runpod [options]
            RunPod serverless worker for the AICoverGen RunPod API (health_check, list_models,
            generate_cover_from_separate_audio, convert_voice). With RUNPOD_WEBHOOK_GET_JOB set it runs
            RunPod's worker loop; otherwise it runs one local test job.

              --test_input JSON        run this one job ({"input": {...}}) and exit (also --test-input)
                                       (without it and without RUNPOD_WEBHOOK_GET_JOB: ./test_input.json)
              --rp_serve_api           serve the local API: /run /runsync /status/{id} /health ...
              --rp_api_host HOST       local API host (default localhost)
              --rp_api_port PORT       local API port (default 8000)
              --rp_api_concurrency N   same as --concurrency
              --rp_log_level LEVEL     ERROR, WARN, INFO, DEBUG or TRACE
              --rp_debugger            accepted for compatibility; no effect
              --models-dir DIR         models (env RVC_MODELS_DIR; default /runpod-volume/rvc_models,
                                       else /workspace/rvc_models)
              --device DEV             cpu, gpu:N or auto (env RVC_DEVICE; default auto); the generator's
                                       number type comes from env RVC_PRECISION (fp32 default, fp16)
              --concurrency N          jobs at once (env RVC_RUNPOD_CONCURRENCY; default 1)
              --help                   this text
            """;

    /**
     * Parses flags; the environment supplies what flags leave open.
     *
     * @throws UsageException for an unknown flag, a missing or malformed value
     */
    static WorkerOptions parse(String[] args, Map<String, String> env) {
        return parse(args, env, VOLUME_MODELS, WORKSPACE_MODELS);
    }

    /**
     * As {@link #parse(String[], Map)}, with the two default models dirs given: {@code volumeModels} when it is a
     * directory, else {@code workspaceModels}.
     */
    static WorkerOptions parse(String[] args, Map<String, String> env, Path volumeModels, Path workspaceModels) {
        Optional<String> testInput = Optional.empty();
        boolean serveApi = false;
        boolean help = false;
        String host = "localhost";
        int port = DEFAULT_API_PORT;
        String models = env.get("RVC_MODELS_DIR");
        String device = env.getOrDefault("RVC_DEVICE", "auto");
        int concurrency = intValue("RVC_RUNPOD_CONCURRENCY", env.getOrDefault("RVC_RUNPOD_CONCURRENCY", "1"), 1, 64);
        Optional<String> logLevel = Optional.ofNullable(env.get("RUNPOD_LOG_LEVEL"));
        long progressSeconds = intValue("RVC_RUNPOD_PROGRESS_INTERVAL_S",
                env.getOrDefault("RVC_RUNPOD_PROGRESS_INTERVAL_S", Long.toString(DEFAULT_PROGRESS_INTERVAL.toSeconds())),
                0, 3600);

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String flag = (eq < 0 ? arg.substring(2) : arg.substring(2, eq)).replace('-', '_');
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            switch (flag) {
                case "rp_serve_api" -> serveApi = true;
                case "rp_debugger" -> { }
                case "help", "h" -> help = true;
                default -> {
                    if (!VALUE_FLAGS.contains(flag)) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (flag) {
                        case "test_input" -> testInput = Optional.of(value);
                        case "rp_api_host" -> host = value;
                        case "rp_api_port" -> port = intValue(arg, value, 1, 65_535);
                        case "rp_api_concurrency", "concurrency" -> concurrency = intValue(arg, value, 1, 64);
                        case "rp_log_level" -> logLevel = Optional.of(value);
                        case "models_dir" -> models = value;
                        case "device" -> device = value;
                        default -> throw new UsageException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        Path modelsDir = models != null && !models.isBlank() ? Path.of(models)
                : Files.isDirectory(volumeModels) ? volumeModels : workspaceModels;
        return new WorkerOptions(testInput, serveApi, host, port, modelsDir, device, concurrency,
                Duration.ofSeconds(progressSeconds), logLevel, help);
    }

    private static int intValue(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + value + "'");
        }
    }

    /** Bad command line or environment: exit code 2 with the message and the usage text. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
