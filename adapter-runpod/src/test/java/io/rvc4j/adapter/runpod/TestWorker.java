package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The production worker loop ({@link WorkerApp} with RunPod's environment) on its own thread, against the fake. */
final class TestWorker implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final WorkerApp app;
    final Thread thread;
    volatile int exitCode = -1;

    private TestWorker(WorkerApp app) {
        this.app = app;
        this.thread = new Thread(() -> exitCode = app.run(new String[0]), "test-worker");
    }

    /** Starts a worker with id {@code worker-1} and waits for its first job-take. */
    static TestWorker start(FakeRunpodPlatform platform, TestEngine engine, Map<String, String> extraEnv,
            ProtocolTimings timings) throws InterruptedException {
        Map<String, String> env = platform.env("worker-1");
        env.putAll(extraEnv);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        TestWorker w = new TestWorker(new WorkerApp(env, engine.source(), engine.modelsDir, sink, sink, timings));
        w.thread.start();
        WorkerLoopIT.awaitCondition(() -> !platform.takes().isEmpty(), "the worker's first job-take");
        return w;
    }

    /** What SIGTERM does; waits until the worker has returned. */
    void stop() throws InterruptedException {
        app.requestStop();
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).as("worker stopped").isFalse();
    }

    @Override
    public void close() throws InterruptedException {
        app.requestStop();
        thread.join(WAIT.toMillis());
    }

    /**
     * Short waits for tests that exercise retries: 50 ms and 80 ms between result posts, 300 ms after a 429, 100 ms
     * after another take error; the SDK's 90 s long-poll deadline; 0, 300 and 600 ms between ping attempts.
     */
    static ProtocolTimings fast() {
        return new ProtocolTimings(List.of(Duration.ofMillis(50), Duration.ofMillis(80)), Duration.ofMillis(300),
                Duration.ofMillis(100), ProtocolTimings.SDK.longPoll(),
                List.of(Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(600)));
    }

    /** Milliseconds between two recorded requests' arrivals. */
    static long gapMs(FakeRunpodPlatform.Call first, FakeRunpodPlatform.Call second) {
        return (second.atNanos() - first.atNanos()) / 1_000_000;
    }
}
