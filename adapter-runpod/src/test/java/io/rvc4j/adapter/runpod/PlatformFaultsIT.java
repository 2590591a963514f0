package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rvc4j.adapter.runpod.FakeRunpodPlatform.Call;
import io.rvc4j.adapter.runpod.FakeRunpodPlatform.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker loop when the platform misbehaves: result posts answered 500 or dropped (the connection closed without
 * an answer, before or after the body was read), 429s on job-take. Every result must land exactly once: no loss, no
 * duplicate. Retry waits are the SDK's where a test measures them, short ones ({@link TestWorker#fast()}) elsewhere.
 */
class PlatformFaultsIT {
    @TempDir
    Path models;
    FakeRunpodPlatform platform;
    TestEngine engine;
    TestWorker worker;

    @BeforeEach
    void setUp() throws Exception {
        platform = new FakeRunpodPlatform();
        engine = TestEngine.withRealDsp(models);
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.slowGate.countDown();
        if (worker != null) {
            worker.close();
        }
        platform.close();
    }

    @Test
    void a_dropped_result_post_is_retried_2_s_then_3_s_later_and_lands_exactly_once() throws Exception {
        worker = TestWorker.start(platform, engine, Map.of(), ProtocolTimings.SDK);
        platform.failDone("dropped", Fault.DROP_BEFORE_BODY, Fault.DROP_AFTER_BODY);
        platform.jobs.add(Requests.job("dropped", Requests.operation("list_models")));

        Call accepted = platform.awaitResult("dropped", TestWorker.WAIT);
        Thread.sleep(500); // room for a duplicate post to show up
        worker.stop();

        List<Call> posts = platform.donePosts("dropped");
        assertThat(posts).extracting(Call::fault)
                .containsExactly(Fault.DROP_BEFORE_BODY, Fault.DROP_AFTER_BODY, null);
        assertThat(posts).extracting(Call::status).containsExactly(FakeRunpodPlatform.DROPPED,
                FakeRunpodPlatform.DROPPED, 200);
        assertThat(platform.results("dropped")).containsExactly(accepted);
        assertThat(posts.get(1).body()).as("the retry posts the same result").isEqualTo(accepted.body());
        assertThat(accepted.json().get("output").get("count").asInt()).isEqualTo(2);
        // The SDK's FibonacciRetry waits 2 s, then 3 s; 500 ms of slack for the dropped connection's error to reach
        // the worker (a reset or an EOF) and for scheduling on two shared cores.
        assertThat(TestWorker.gapMs(posts.get(0), posts.get(1))).isBetween(1_950L, 2_500L);
        assertThat(TestWorker.gapMs(posts.get(1), posts.get(2))).isBetween(2_950L, 3_500L);
    }

    @Test
    void result_post_is_retried_after_a_5xx_and_lands_once() throws Exception {
        worker = TestWorker.start(platform, engine, Map.of(), ProtocolTimings.SDK);
        platform.failDonePosts.set(1);
        platform.jobs.add(Requests.job("retry", Requests.operation("list_models")));

        platform.awaitResult("retry", TestWorker.WAIT);

        List<Call> posts = platform.donePosts("retry");
        assertThat(posts).extracting(Call::status).containsExactly(503, 200);
        long gapMs = TestWorker.gapMs(posts.get(0), posts.get(1));
        // The SDK's FibonacciRetry waits 2 s before the second attempt; 300 ms of slack for scheduling.
        assertThat(gapMs).isBetween(1_900L, 2_300L);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
    }

    @Test
    void result_post_gives_up_after_three_attempts() throws Exception {
        platform.failDonePosts.set(10);
        PlatformClient client = new PlatformClient(PlatformConfig.fromEnv(platform.env("worker-1")), TestWorker.fast());

        boolean accepted = client.postResult("doomed", JobHandler.error("x"), false);

        assertThat(accepted).isFalse();
        assertThat(platform.donePosts("doomed")).hasSize(3);
    }

    @Test
    void under_concurrency_two_every_result_lands_exactly_once_through_500s_and_drops() throws Exception {
        worker = TestWorker.start(platform, engine, Map.of("RVC_RUNPOD_CONCURRENCY", "2"), TestWorker.fast());
        // At most two faults per job: the third attempt, the SDK's last, is accepted.
        Map<String, List<Fault>> plan = new LinkedHashMap<>();
        plan.put("j1", List.of(Fault.HTTP_500));
        plan.put("j2", List.of(Fault.DROP_BEFORE_BODY));
        plan.put("j3", List.of(Fault.DROP_AFTER_BODY));
        plan.put("j4", List.of());
        plan.put("j5", List.of(Fault.DROP_AFTER_BODY, Fault.HTTP_500));
        plan.put("j6", List.of(Fault.HTTP_500, Fault.DROP_BEFORE_BODY));
        plan.put("j7", List.of(Fault.DROP_BEFORE_BODY, Fault.DROP_AFTER_BODY));
        plan.put("j8", List.of());
        int n = 0;
        for (Map.Entry<String, List<Fault>> e : plan.entrySet()) {
            platform.failDone(e.getKey(), e.getValue().toArray(Fault[]::new));
            ObjectNode input = n++ % 2 == 0 ? Requests.cover("alice") : Requests.operation("list_models");
            platform.jobs.add(Requests.job(e.getKey(), input));
        }

        for (String id : plan.keySet()) {
            platform.awaitResult(id, TestWorker.WAIT);
        }
        Thread.sleep(500); // room for a duplicate post to show up
        worker.stop();

        for (Map.Entry<String, List<Fault>> e : plan.entrySet()) {
            String id = e.getKey();
            List<Call> posts = platform.donePosts(id);
            List<Fault> expected = new ArrayList<>(e.getValue());
            expected.add(null);
            assertThat(posts).as(id).extracting(Call::fault).containsExactlyElementsOf(expected);
            assertThat(platform.results(id)).as(id + " accepted once").hasSize(1);
            String body = platform.results(id).get(0).body();
            assertThat(posts).as(id + ": every body the platform read is the same result")
                    .filteredOn(c -> c.fault() != Fault.DROP_BEFORE_BODY).extracting(Call::body).containsOnly(body);
        }
        assertThat(platform.calls(c -> c.path().contains("/job-done/") && c.status() == 200)).hasSize(plan.size());
        assertThat(platform.results("j1").get(0).json().get("output").get("filename").asText())
                .isEqualTo("cover_alice.mp3");
    }

    @Test
    void a_429_from_job_take_waits_before_the_next_take() throws Exception {
        platform.takeOverrides.add("429|application/json|{}");
        worker = TestWorker.start(platform, engine, Map.of(), TestWorker.fast());
        WorkerLoopIT.awaitCondition(() -> platform.takes().size() >= 2, "the take after the 429");

        List<Call> takes = platform.takes();
        assertThat(takes.get(0).status()).isEqualTo(429);
        // TestWorker.fast() waits 300 ms after a 429 (the SDK 5 s, ProtocolTimingsTest); 300 ms of scheduling slack.
        assertThat(TestWorker.gapMs(takes.get(0), takes.get(1))).isBetween(300L, 600L);
    }

    @Test
    void a_ping_answered_503_is_retried_at_once_then_after_the_next_wait() throws Exception {
        platform.pingStatuses.add(503);
        platform.pingStatuses.add(503);
        worker = TestWorker.start(platform, engine, Map.of(), TestWorker.fast());
        WorkerLoopIT.awaitCondition(() -> platform.pings().size() >= 3, "three pings");

        List<Call> pings = platform.pings();
        assertThat(pings.subList(0, 3)).extracting(Call::status).containsExactly(503, 503, 200);
        assertThat(pings.get(2).query()).isEqualTo(pings.get(0).query());
        // TestWorker.fast() waits 0 ms, then 300 ms (the SDK 0 s, then 2 s); 250 ms of scheduling slack.
        assertThat(TestWorker.gapMs(pings.get(0), pings.get(1))).isBetween(0L, 250L);
        assertThat(TestWorker.gapMs(pings.get(1), pings.get(2))).isBetween(300L, 550L);
    }

    @Test
    void a_ping_that_keeps_failing_makes_four_attempts_and_no_wait_after_the_last() throws Exception {
        for (int i = 0; i < 5; i++) {
            platform.pingStatuses.add(i % 2 == 0 ? 429 : 500);
        }
        PlatformClient client = new PlatformClient(PlatformConfig.fromEnv(platform.env("worker-1")), TestWorker.fast());
        Heartbeat heartbeat = new Heartbeat(client, List::of, TestWorker.fast().pingRetryWaits());

        long start = System.nanoTime();
        int attempts = heartbeat.beat();
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(attempts).isEqualTo(4);
        assertThat(platform.pings()).extracting(Call::status).containsExactly(429, 500, 429, 500);
        // Waits 0 + 300 + 600 ms and nothing after the fourth attempt; a wait after it would add at least 600 ms more.
        assertThat(ms).isBetween(900L, 1_400L);
    }

    @Test
    void a_long_poll_past_its_deadline_means_no_job_and_the_next_take_follows_at_once() throws Exception {
        // A 300 ms deadline; a take error would wait 1 s, so a timeout treated as an error shows as a gap over 1.3 s.
        ProtocolTimings fast = TestWorker.fast();
        ProtocolTimings timings = new ProtocolTimings(fast.resultRetryWaits(), fast.tooManyRequests(),
                Duration.ofSeconds(1), Duration.ofMillis(300), fast.pingRetryWaits());
        worker = TestWorker.start(platform, engine, Map.of(), timings);
        platform.takeHolds.add(new FakeRunpodPlatform.Hold(new CountDownLatch(1), Duration.ofMillis(1500)));
        assertThat(platform.takesHeld.tryAcquire(TestWorker.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        WorkerLoopIT.awaitCondition(() -> platform.takes().stream().anyMatch(t -> t.fault() == Fault.HELD_TAKE),
                "the held take's end");

        Call held = platform.takes().stream().filter(t -> t.fault() == Fault.HELD_TAKE).findFirst().orElseThrow();
        Call next = platform.takes().stream().filter(t -> t.atNanos() > held.atNanos())
                .min(Comparator.comparingLong(Call::atNanos)).orElseThrow();
        // 300 ms deadline, then at once: 250 ms of slack for the client's timer and scheduling on two shared cores.
        assertThat(TestWorker.gapMs(held, next)).isBetween(300L, 550L);
        platform.jobs.add(Requests.job("after-timeout", Requests.operation("list_models")));
        assertThat(platform.awaitResult("after-timeout", TestWorker.WAIT).json().get("output").get("count").asInt())
                .isEqualTo(2);
    }
}
