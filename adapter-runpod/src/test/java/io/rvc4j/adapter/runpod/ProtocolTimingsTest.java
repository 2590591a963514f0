package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The waits the worker runs with are the SDK's (the ITs exercise the retry paths with shorter ones). */
class ProtocolTimingsTest {

    @Test
    void the_worker_runs_with_the_sdks_waits() {
        PrintStream out = System.out;
        WorkerApp app = new WorkerApp(Map.of(), (dir, device) -> {
            throw new AssertionError("not opened");
        }, Path.of("."), out, out);
        assertThat(app.timings()).isSameAs(ProtocolTimings.SDK);
    }

    @Test
    void result_posts_wait_2_s_then_3_s_a_429_waits_5_s_and_long_polls_run_90_s_as_the_sdk() {
        assertThat(ProtocolTimings.SDK.resultRetryWaits()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(ProtocolTimings.SDK.tooManyRequests()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ProtocolTimings.SDK.takeError()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ProtocolTimings.SDK.longPoll()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a_failed_ping_is_retried_three_times_after_0_2_and_4_s_as_urllib3_retries_it() {
        assertThat(ProtocolTimings.SDK.pingRetryWaits())
                .containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4));
    }
}
