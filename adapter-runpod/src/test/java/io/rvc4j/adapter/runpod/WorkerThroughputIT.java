package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How many jobs per second the protocol loop moves against the fake platform (mvn -Pslow): the adapter's own
 * overhead per job (take, run, post), with a cheap operation and with a small real-DSP cover. Every job must be
 * answered exactly once. The numbers are printed for docs/runpod.md.
 */
@Tag("slow")
class WorkerThroughputIT {
    static final int JOBS = 200;

    @TempDir
    Path models;

    /** With one job at a time: mean time from a job's take to its result, and from a result to the next take. */
    private static void printGaps(FakeRunpodPlatform platform, String op) {
        java.util.List<FakeRunpodPlatform.Call> calls = platform.calls(c -> c.path().contains("/job-take")
                || (c.path().contains("/job-done/") && c.path().contains("/" + op)));
        double run = 0;
        double turn = 0;
        int nRun = 0;
        int nTurn = 0;
        for (int i = 1; i < calls.size(); i++) {
            boolean prevTake = calls.get(i - 1).path().contains("/job-take");
            boolean take = calls.get(i).path().contains("/job-take");
            double ms = (calls.get(i).atNanos() - calls.get(i - 1).atNanos()) / 1e6;
            if (prevTake && !take) {
                run += ms;
                nRun++;
            } else if (!prevTake && take) {
                turn += ms;
                nTurn++;
            }
        }
        long empty = calls.stream().filter(c -> c.path().contains("/job-take") && c.status() == 204).count();
        System.out.printf("RUNPOD-BENCH op=%s take_to_result_ms=%.1f result_to_next_take_ms=%.1f empty_takes=%d%n",
                op, run / Math.max(1, nRun), turn / Math.max(1, nTurn), empty);
    }

    private static java.util.List<FakeRunpodPlatform.Call> accepted(FakeRunpodPlatform platform) {
        return platform.calls(c -> c.path().contains("/job-done/") && c.status() == 200);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void every_job_is_answered_once_and_the_rate_is_reported(int concurrency) throws Exception {
        TestEngine engine = TestEngine.withRealDsp(models);
        try (FakeRunpodPlatform platform = new FakeRunpodPlatform()) {
            Map<String, String> env = platform.env("bench");
            env.put("RVC_RUNPOD_CONCURRENCY", Integer.toString(concurrency));
            PrintStream sink = new PrintStream(new ByteArrayOutputStream());
            WorkerApp app = new WorkerApp(env, engine.source(), models, sink, sink);
            Thread worker = new Thread(() -> app.run(new String[0]));
            worker.start();
            int expected = 0;
            for (String op : new String[] {"list_models", "cover"}) {
                expected += JOBS;
                int target = expected;
                long start = System.nanoTime();
                for (int i = 0; i < JOBS; i++) {
                    platform.jobs.add(Requests.job(op + i, op.equals("cover")
                            ? Requests.cover("alice") : Requests.operation(op)));
                }
                // A cheap wait (path and status only), so that the harness does not slow the loop it measures.
                WorkerLoopIT.awaitCondition(() -> accepted(platform).size() >= target, JOBS + " results");
                long last = accepted(platform).stream().mapToLong(FakeRunpodPlatform.Call::atNanos).max().orElseThrow();
                double seconds = (last - start) / 1e9;
                System.out.printf("RUNPOD-BENCH concurrency=%d op=%s jobs=%d seconds=%.2f jobs_per_s=%.1f%n",
                        concurrency, op, JOBS, seconds, JOBS / seconds);
                if (concurrency == 1) {
                    printGaps(platform, op);
                }
                for (int i = 0; i < JOBS; i++) {
                    assertThat(platform.results(op + i)).hasSize(1);
                }
            }
            app.requestStop();
            worker.join(20_000);
        }
    }
}
