package io.rvc4j.adapter.runpod;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@link Main} with the in-test engine, for tests that need a real process (a real SIGTERM). Args: models dir, slow
 * job duration in ms, then the worker's own flags.
 */
public final class TestWorkerMain {
    private TestWorkerMain() {
    }

    public static void main(String[] args) {
        TestEngine engine = TestEngine.withModels(Path.of(args[0]), Duration.ofMillis(Long.parseLong(args[1])), true);
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        System.exit(Main.run(rest, new WorkerApp(System.getenv(), engine.source(), Path.of("").toAbsolutePath(),
                System.out, System.err)));
    }
}
