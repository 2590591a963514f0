package io.rvc4j.adapter.runpod;

import io.rvc4j.engine.Rvc;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the mode as the SDK does (runpod-worker-protocol.md section 1): {@code --rp_serve_api} serves the local API;
 * {@code --test_input}, or no {@code RUNPOD_WEBHOOK_GET_JOB}, runs one local job; otherwise the production loop with
 * its heartbeat. The engine is opened once, before any job, and closed when the worker ends.
 */
final class WorkerApp {
    private final Map<String, String> env;
    private final EngineSource engines;
    private final Path workingDir;
    private final PrintStream out;
    private final PrintStream err;
    private final ProtocolTimings timings;
    private final java.util.concurrent.CountDownLatch serverStop = new java.util.concurrent.CountDownLatch(1);
    private volatile JobLoop loop;

    WorkerApp(Map<String, String> env, EngineSource engines, Path workingDir, PrintStream out, PrintStream err) {
        this(env, engines, workingDir, out, err, ProtocolTimings.SDK);
    }

    /** With other retry waits than the SDK's: for tests that exercise retries in milliseconds. */
    WorkerApp(Map<String, String> env, EngineSource engines, Path workingDir, PrintStream out, PrintStream err,
            ProtocolTimings timings) {
        this.env = env;
        this.engines = engines;
        this.workingDir = workingDir;
        this.out = out;
        this.err = err;
        this.timings = timings;
    }

    /** The retry waits the production loop uses ({@link ProtocolTimings#SDK} unless a test chose others). */
    ProtocolTimings timings() {
        return timings;
    }

    /** Runs the worker; returns the process exit code (0 ok, 1 failure, 2 bad usage). */
    int run(String[] args) {
        WorkerOptions options;
        PlatformConfig platform;
        try {
            options = WorkerOptions.parse(args, env);
            platform = PlatformConfig.fromEnv(env);
        } catch (WorkerOptions.UsageException | IllegalArgumentException e) {
            err.println("rvc-runpod: " + e.getMessage());
            err.print(WorkerOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(WorkerOptions.USAGE);
            return 0;
        }
        options.logLevel().ifPresent(WorkerApp::setLogLevel);
        Logger log = LoggerFactory.getLogger(WorkerApp.class);
        log.info("--- Starting Serverless Worker |  Version {} --- (models {}, device {})", PlatformClient.VERSION,
                options.modelsDir(), options.device());
        try (Rvc engine = engines.open(options.modelsDir(), options.device())) {
            JobHandler handler = new JobHandler(engine);
            if (options.serveApi()) {
                return serveApi(options, handler);
            }
            if (options.testInput().isPresent() || !platform.production()) {
                return LocalTestRunner.run(options.testInput(), workingDir, handler, out);
            }
            return production(options, platform, handler);
        } catch (RuntimeException e) {
            log.error("worker failed: {}", ErrorMapper.message(e), e);
            return 1;
        }
    }

    /**
     * What SIGTERM does: the production loop stops taking jobs and drains, the local API stops. Returns whether the
     * caller should wait for {@link #run(String[])} to return (false in the one-shot test mode).
     */
    boolean requestStop() {
        serverStop.countDown();
        JobLoop l = loop;
        if (l != null) {
            l.requestStop();
            return true;
        }
        return false;
    }

    private int production(WorkerOptions options, PlatformConfig config, JobHandler handler) {
        PlatformClient platform = new PlatformClient(config, timings);
        JobLoop jobLoop = new JobLoop(platform, handler, new ProgressReporter(platform, options.progressInterval()),
                options.concurrency(), config.jobStopUrl().isPresent(), timings);
        loop = jobLoop;
        Heartbeat heartbeat = config.heartbeatEnabled()
                ? Heartbeat.start(platform, jobLoop::jobsInProgress, config.pingInterval(), timings.pingRetryWaits())
                : null;
        try {
            jobLoop.run();
        } finally {
            if (heartbeat != null) {
                heartbeat.close();
            }
        }
        return 0;
    }

    private int serveApi(WorkerOptions options, JobHandler handler) {
        try {
            LocalApiServer server = new LocalApiServer(options.apiHost(), options.apiPort(), handler,
                    options.concurrency());
            try {
                serverStop.await(); // until SIGTERM / SIGINT
            } finally {
                server.close();
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (java.io.IOException e) {
            err.println("rvc-runpod: cannot serve on " + options.apiHost() + ":" + options.apiPort() + ": " + e);
            return 1;
        }
    }

    /** slf4j-simple reads its level once, when the first logger is made; this runs before that. */
    private static void setLogLevel(String level) {
        String l = level.trim().toLowerCase(java.util.Locale.ROOT);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", l.equals("warning") ? "warn" : l);
    }

    /** How long SIGTERM waits for jobs in flight; RunPod sends SIGKILL after its own grace period. */
    static final Duration SHUTDOWN_GRACE = Duration.ofMinutes(10);
}
