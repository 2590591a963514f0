package io.rvc4j.adapter.runpod;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Entry point of {@code bin/rvc-runpod}: the RunPod serverless worker. */
public final class Main {
    /** Where the engine comes from: the engine's composition root. */
    static final EngineSource ENGINE = new BuilderEngineSource();

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new WorkerApp(System.getenv(), ENGINE, Path.of("").toAbsolutePath(), System.out,
                System.err)));
    }

    /** Runs the app with SIGTERM / SIGINT mapped to a graceful stop: no new jobs, in-flight jobs finish and post. */
    static int run(String[] args, WorkerApp app) {
        CountDownLatch returned = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                if (app.requestStop()) {
                    returned.await(WorkerApp.SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runpod-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = app.run(args);
        returned.countDown(); // before System.exit, which blocks while a hook runs
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // SIGTERM arrived: the hook is running and waits for this thread to end.
        }
        return code;
    }
}
