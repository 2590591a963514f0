package io.rvc4j.adapter.http;

import io.rvc4j.core.error.RvcException;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.engine.Rvc;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code bin/rvc-server}: {@code [--port N] [--host H] [--models-dir D] [--device D]}, each also read
 * from the environment ({@code PORT}, {@code HOST}, {@code RVC_MODELS_DIR}, {@code RVC_DEVICE} / {@code GPU_INDEX}).
 * See docs/http-api.md.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = """
            Usage: rvc-server [--port N] [--host H] [--models-dir DIR] [--device cpu|gpu:N|auto]
            Serves the AniVoiceChanger API and more; see docs/http-api.md and, once running, /docs.
            Environment: PORT (8000), HOST, RVC_MODELS_DIR (./rvc_models), RVC_DEVICE, GPU_INDEX, RVC_PRECISION,
              MODEL_NAME, PITCH_CHANGE, VOLUME_ENVELOPE, INDEX_RATE, PITCH_EXTRACTION_ALGO,
              RVC_API_KEY, RVC_CORS_ORIGINS, RVC_MAX_UPLOAD_MB, RVC_MAX_MODEL_UPLOAD_MB, RVC_WORKERS,
              RVC_QUEUE_SIZE, RVC_MAX_STREAMS, RVC_STREAM_IDLE_SECONDS, RVC_SESSION_TTL_SECONDS,
              RVC_SHUTDOWN_GRACE_SECONDS.""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return 0;
        }
        ServerConfig config;
        try {
            config = ServerConfig.from(args, System.getenv());
        } catch (RvcException e) {
            System.err.println("rvc-server: " + e.getMessage() + System.lineSeparator() + USAGE);
            return 2;
        }
        Rvc rvc;
        try {
            rvc = EngineLauncher.open(config);
        } catch (RvcException e) {
            System.err.println("rvc-server: cannot start the engine: " + e.getMessage());
            return 1;
        }
        gpuIndexNotUsed(System.getenv(), config.device(), rvc.checkHealth().health().device().name())
                .ifPresent(LOG::warn);
        RvcServer server;
        try {
            server = new RvcServer(rvc, config).start();
        } catch (RuntimeException e) {
            System.err.println("rvc-server: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            rvc.close();
            return 1;
        }
        config.defaults().modelName().ifPresent(name -> warmUpInBackground(rvc, name, config.defaults()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            rvc.close();
        }, "rvc-server-shutdown"));
        return waitForever();
    }

    /**
     * The warning for a seed-style {@code GPU_INDEX} that the engine could not honour because no GPU is visible (the
     * engine's {@code auto} then runs on the CPU); empty when it was honoured, not set, or an explicit device was given.
     */
    static Optional<String> gpuIndexNotUsed(Map<String, String> env, String requested, String actual) {
        Optional<Integer> index = ServerConfig.gpuIndex(env);
        if (index.isEmpty() || !"auto".equals(requested) || !"cpu".equals(actual)) {
            return Optional.empty();
        }
        return Optional.of("GPU_INDEX=" + index.get() + " is set but no GPU is visible: running on the CPU (set "
                + "RVC_DEVICE=gpu:" + index.get() + " to refuse to start without that GPU instead)");
    }

    /**
     * Loads the {@code MODEL_NAME} voice and the default pitch method while the server already answers, so the first
     * request does not pay for loading; a failure is logged and left to the requests to report.
     */
    private static void warmUpInBackground(Rvc rvc, String name, ParamDefaults defaults) {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try {
                rvc.warmUp().warmUp(ModelRef.named(name), defaults.base().f0Method());
                LOG.info("warmed up {} ({}) in {} ms", name, defaults.base().f0Method(),
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("warm-up of {} failed: {}", name, e.getMessage());
            }
        }, "rvc-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static int waitForever() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
