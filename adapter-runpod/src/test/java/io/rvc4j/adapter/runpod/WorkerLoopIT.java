package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production worker loop against a fake RunPod platform (a real HTTP server speaking the platform's side of the
 * protocol). The engine is the real facade over in-test ports: these tests verify the protocol, not neural parity.
 */
class WorkerLoopIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path models;
    FakeRunpodPlatform platform;
    TestEngine engine;
    Thread worker;
    WorkerApp app;
    volatile int exitCode = -1;

    @BeforeEach
    void setUp() throws Exception {
        platform = new FakeRunpodPlatform();
        engine = TestEngine.withRealDsp(models);
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.slowGate.countDown();
        if (app != null) {
            app.requestStop();
            worker.join(WAIT.toMillis());
        }
        platform.close();
    }

    private void startWorker(Map<String, String> extraEnv) throws InterruptedException {
        Map<String, String> env = platform.env("worker-1");
        env.putAll(extraEnv);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        app = new WorkerApp(env, engine.source(), models, sink, sink);
        worker = new Thread(() -> exitCode = app.run(new String[0]), "test-worker");
        worker.start();
        awaitCondition(() -> !platform.takes().isEmpty(), "the worker's first job-take");
    }

    private void stopWorker() throws InterruptedException {
        app.requestStop();
        worker.join(WAIT.toMillis());
        assertThat(worker.isAlive()).as("worker stopped").isFalse();
    }

    @Test
    void takes_a_job_and_posts_its_result_exactly_once_with_the_sdks_headers() throws Exception {
        startWorker(Map.of());
        platform.jobs.add(Requests.job("job-1", Requests.cover("alice")));

        FakeRunpodPlatform.Call result = platform.awaitResult("job-1", WAIT);
        Thread.sleep(1500); // room for a duplicate post to show up
        stopWorker();

        assertThat(platform.donePosts("job-1")).hasSize(1);
        JsonNode body = result.json();
        assertThat(JobHandlerTest.fieldNames(body)).containsExactly("output");
        assertThat(body.get("output").get("success").asBoolean()).isTrue();
        assertThat(body.get("output").get("filename").asText()).isEqualTo("cover_alice.mp3");
        assertThat(result.path()).endsWith("/job-done/worker-1/job-1");
        assertThat(result.query()).containsEntry("gpu", "TEST").containsEntry("isStream", "false");
        assertThat(result.header("Authorization")).isEqualTo("test-key");
        assertThat(result.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(result.header("charset")).isEqualTo("utf-8");
        assertThat(result.header("X-Request-ID")).isEqualTo("job-1");

        FakeRunpodPlatform.Call take = platform.takes().get(0);
        assertThat(take.path()).endsWith("/job-take/worker-1");
        assertThat(take.query()).containsEntry("gpu", "TEST").containsEntry("job_in_progress", "0");
        assertThat(take.header("Authorization")).isEqualTo("test-key");
        assertThat(exitCode).isZero();
    }

    @Test
    void two_jobs_on_the_same_model_load_it_once() throws Exception {
        startWorker(Map.of());
        platform.jobs.add(Requests.job("first", Requests.cover("alice")));
        platform.awaitResult("first", WAIT);
        platform.jobs.add(Requests.job("second", Requests.convert("alice")));
        platform.awaitResult("second", WAIT);
        stopWorker();

        assertThat(engine.conversions).as("both jobs converted").hasSize(2);
        assertThat(engine.opens.get()).as("one engine for the worker's life").isEqualTo(1);
        assertThat(engine.loadsOf("alice")).isEqualTo(1);
    }

    @Test
    void failing_jobs_are_answered_with_an_error_never_dropped() throws Exception {
        startWorker(Map.of());
        platform.jobs.add(Requests.job("bad-model", Requests.cover("nobody")));
        platform.jobs.add(Requests.job("bad-op", Requests.operation("nope")));
        ObjectNode badAudio = Requests.cover("alice");
        ((ObjectNode) badAudio.get("params")).put("voice_audio", "%%%");
        platform.jobs.add(Requests.job("bad-audio", badAudio));

        assertThat(platform.awaitResult("bad-model", WAIT).json().get("error").asText())
                .startsWith("Voice model not found");
        assertThat(platform.awaitResult("bad-op", WAIT).json().get("error").asText())
                .startsWith("Unknown operation: nope");
        JsonNode audio = platform.awaitResult("bad-audio", WAIT).json();
        assertThat(JobHandlerTest.fieldNames(audio)).containsExactly("error");
        assertThat(audio.get("error").asText()).startsWith("Invalid base64 audio data");
    }

    @Test
    void heartbeat_pings_with_the_jobs_in_progress() throws Exception {
        startWorker(Map.of());
        platform.jobs.add(Requests.job("slow-1", Requests.cover("slow_bob")));
        assertThat(engine.slowEntered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        awaitCondition(() -> platform.pings().stream().anyMatch(p -> "slow-1".equals(p.query().get("job_id"))),
                "a ping naming the running job");
        engine.slowGate.countDown();
        platform.awaitResult("slow-1", WAIT);

        List<FakeRunpodPlatform.Call> pings = platform.pings();
        FakeRunpodPlatform.Call first = pings.get(0);
        assertThat(first.path()).endsWith("/ping/worker-1");
        assertThat(first.header("Authorization")).isEqualTo("test-key");
        assertThat(first.query()).containsEntry("gpu", "TEST").containsKey("runpod_version");
        assertThat(first.query()).as("idle pings leave job_id out").doesNotContainKey("job_id");
        assertThat(pings.size()).as("a ping at once, then one per second").isGreaterThanOrEqualTo(2);
    }

    @Test
    void stop_request_finishes_the_job_in_flight_and_takes_no_new_one() throws Exception {
        startWorker(Map.of());
        platform.jobs.add(Requests.job("in-flight", Requests.cover("slow_bob")));
        assertThat(engine.slowEntered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        app.requestStop(); // what the SIGTERM hook calls
        Thread.sleep(300);
        int takesAfterStop = platform.takes().size();
        platform.jobs.add(Requests.job("too-late", Requests.cover("alice")));
        Thread.sleep(500);
        assertThat(worker.isAlive()).as("waits for the job in flight").isTrue();
        engine.slowGate.countDown();
        worker.join(WAIT.toMillis());

        assertThat(worker.isAlive()).isFalse();
        assertThat(exitCode).isZero();
        assertThat(platform.results("in-flight")).hasSize(1);
        assertThat(platform.results("in-flight").get(0).json().get("output").get("success").asBoolean()).isTrue();
        assertThat(platform.takes()).hasSize(takesAfterStop);
        assertThat(platform.jobs).extracting(j -> j.get("id").asText()).containsExactly("too-late");
    }

    @Test
    void a_job_handed_out_on_the_long_poll_open_at_stop_is_still_run_and_answered() throws Exception {
        startWorker(Map.of());
        CountDownLatch release = new CountDownLatch(1);
        platform.takeHolds.add(new FakeRunpodPlatform.Hold(release, WAIT));
        assertThat(platform.takesHeld.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a long poll open").isTrue();

        app.requestStop(); // what the SIGTERM hook calls
        Thread.sleep(300); // a loop that cut off its open poll at stop would be gone by now
        platform.jobs.add(Requests.job("handed-out-at-stop", Requests.operation("list_models")));
        release.countDown(); // the platform answers the open poll with that job
        worker.join(WAIT.toMillis());

        assertThat(worker.isAlive()).isFalse();
        assertThat(exitCode).isZero();
        assertThat(platform.results("handed-out-at-stop")).hasSize(1);
        assertThat(platform.results("handed-out-at-stop").get(0).json().get("output").get("count").asInt())
                .isEqualTo(2);
        FakeRunpodPlatform.Call last = platform.takes().stream()
                .max(java.util.Comparator.comparingLong(FakeRunpodPlatform.Call::atNanos)).orElseThrow();
        assertThat(last.fault()).as("no take after the one open at stop").isEqualTo(FakeRunpodPlatform.Fault.HELD_TAKE);
    }

    @Test
    void concurrency_two_runs_two_jobs_at_once_and_takes_them_as_a_batch() throws Exception {
        startWorker(Map.of("RVC_RUNPOD_CONCURRENCY", "2"));
        platform.jobs.add(Requests.job("a", Requests.cover("slow_bob")));
        platform.jobs.add(Requests.job("b", Requests.cover("slow_bob")));

        assertThat(engine.slowEntered.tryAcquire(2, WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("both jobs inside the converter at the same time").isTrue();
        engine.slowGate.countDown();
        platform.awaitResult("a", WAIT);
        platform.awaitResult("b", WAIT);

        assertThat(platform.takes()).anySatisfy(t -> {
            assertThat(t.path()).endsWith("/job-take-batch/worker-1");
            assertThat(t.query()).containsEntry("batch_size", "2");
        });
    }

    @Test
    void job_take_says_a_job_is_in_progress_while_one_runs_and_not_after() throws Exception {
        startWorker(Map.of("RVC_RUNPOD_CONCURRENCY", "2"));
        platform.jobs.add(Requests.job("running", Requests.cover("slow_bob")));
        assertThat(engine.slowEntered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long entered = System.nanoTime();
        awaitCondition(() -> platform.takes().stream().anyMatch(t -> t.atNanos() > entered), "a take while it runs");

        assertThat(platform.takes()).filteredOn(t -> t.atNanos() > entered).isNotEmpty()
                .allSatisfy(t -> assertThat(t.query()).containsEntry("job_in_progress", "1"));
        engine.slowGate.countDown();
        long posted = platform.awaitResult("running", WAIT).atNanos();
        awaitCondition(() -> platform.takes().stream().anyMatch(t -> t.atNanos() > posted
                && "0".equals(t.query().get("job_in_progress"))), "an idle take after the result");
    }

    @Test
    void long_jobs_send_progress_updates_before_their_result() throws Exception {
        startWorker(Map.of("RVC_RUNPOD_PROGRESS_INTERVAL_S", "1"));
        platform.jobs.add(Requests.job("long", Requests.cover("slow_bob")));
        assertThat(engine.slowEntered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        awaitCondition(() -> platform.donePosts("long").size() >= 2, "two progress updates");
        engine.slowGate.countDown();
        platform.awaitResult("long", WAIT);
        Thread.sleep(1500); // a late progress update would show up here

        List<FakeRunpodPlatform.Call> posts = platform.donePosts("long");
        FakeRunpodPlatform.Call last = posts.get(posts.size() - 1);
        assertThat(last.json().has("status")).as("the result is the last post").isFalse();
        assertThat(last.json().get("output").get("success").asBoolean()).isTrue();
        JsonNode update = posts.get(0).json();
        assertThat(update.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(update.get("output").get("operation").asText()).isEqualTo(JobHandler.GENERATE_COVER);
        assertThat(posts.get(0).query()).containsEntry("isStream", "false");
    }

    @Test
    void odd_job_take_answers_are_skipped_and_the_loop_goes_on() throws Exception {
        platform.takeOverrides.add("200|text/plain|hello");
        platform.takeOverrides.add("400|application/json|{}");
        platform.takeOverrides.add("200|application/json|not json");
        platform.takeOverrides.add("500|application/json|{}");
        platform.takeOverrides.add("200|application/json|{\"id\":\"no-input\"}");
        startWorker(Map.of());
        platform.jobs.add(Requests.job("after", Requests.operation("health_check")));

        assertThat(platform.awaitResult("after", WAIT).json().get("output").get("status").asText())
                .isEqualTo("healthy");
        assertThat(platform.donePosts("no-input")).isEmpty();
    }

    @Test
    void a_job_the_platform_stops_is_abandoned_without_a_post() throws Exception {
        startWorker(Map.of());
        platform.jobs.add(Requests.job("cancelled", Requests.cover("slow_bob")));
        assertThat(engine.slowEntered.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        platform.jobsToStop.add("cancelled");
        awaitCondition(() -> platform.calls(c -> c.path().contains("/job-stop/") && c.status() == 200).size() == 1,
                "the stop signal delivered");
        platform.jobs.add(Requests.job("next", Requests.operation("list_models")));
        platform.awaitResult("next", WAIT);

        assertThat(platform.donePosts("cancelled")).isEmpty();
        assertThat(platform.calls(c -> c.path().endsWith("/job-stop/worker-1"))).isNotEmpty();
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
