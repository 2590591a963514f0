package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URL templates and placeholders as RunPod sets them (runpod-worker-protocol.md sections 2 and 3). */
class PlatformConfigTest {
    static final Map<String, String> ENV = Map.of(
            "RUNPOD_WEBHOOK_GET_JOB", "https://api.runpod.ai/v2/ep/job-take/$ID?gpu=NVIDIA+H200",
            "RUNPOD_WEBHOOK_POST_OUTPUT", "https://api.runpod.ai/v2/ep/job-done/$RUNPOD_POD_ID/$ID?gpu=NVIDIA+H200",
            "RUNPOD_WEBHOOK_PING", "https://api.runpod.ai/v2/ep/ping/$RUNPOD_POD_ID?gpu=NVIDIA+H200",
            "RUNPOD_AI_API_KEY", "key",
            "RUNPOD_POD_ID", "pod7",
            "RUNPOD_PING_INTERVAL", "4000");

    @Test
    void replaces_the_worker_id_in_every_template_and_the_job_id_per_post() {
        PlatformConfig c = PlatformConfig.fromEnv(ENV);
        assertThat(c.jobTakeUrl(1, false)).isEqualTo(
                "https://api.runpod.ai/v2/ep/job-take/pod7?gpu=NVIDIA+H200&job_in_progress=0");
        assertThat(c.jobDoneUrl("job-9", false)).isEqualTo(
                "https://api.runpod.ai/v2/ep/job-done/pod7/job-9?gpu=NVIDIA+H200&isStream=false");
        assertThat(c.pingUrl()).contains("https://api.runpod.ai/v2/ep/ping/pod7?gpu=NVIDIA+H200");
        assertThat(c.jobStopUrl()).contains("https://api.runpod.ai/v2/ep/job-stop/pod7?gpu=NVIDIA+H200");
        assertThat(c.production()).isTrue();
        assertThat(c.heartbeatEnabled()).isTrue();
    }

    @Test
    void asks_for_several_jobs_on_the_batch_path() {
        assertThat(PlatformConfig.fromEnv(ENV).jobTakeUrl(3, true)).isEqualTo(
                "https://api.runpod.ai/v2/ep/job-take-batch/pod7?gpu=NVIDIA+H200&batch_size=3&job_in_progress=1");
    }

    @Test
    void also_replaces_runpod_pod_id_in_the_take_template_and_adds_a_missing_question_mark() {
        PlatformConfig c = PlatformConfig.fromEnv(Map.of("RUNPOD_WEBHOOK_GET_JOB", "http://sim/job-take/$RUNPOD_POD_ID",
                "RUNPOD_POD_ID", "w"));
        assertThat(c.jobTakeUrl(1, false)).isEqualTo("http://sim/job-take/w?job_in_progress=0");
        PlatformConfig bare = PlatformConfig.fromEnv(Map.of("RUNPOD_WEBHOOK_GET_JOB", "http://sim/job-take/$ID?",
                "RUNPOD_POD_ID", "w"));
        assertThat(bare.jobTakeUrl(1, true)).isEqualTo("http://sim/job-take/w?job_in_progress=1");
    }

    @Test
    void ping_interval_is_whole_seconds_and_never_zero() {
        assertThat(PlatformConfig.fromEnv(ENV).pingInterval()).isEqualTo(Duration.ofSeconds(4));
        assertThat(PlatformConfig.pingInterval("4999")).isEqualTo(Duration.ofSeconds(4));
        assertThat(PlatformConfig.pingInterval("500")).isEqualTo(Duration.ofSeconds(1));
        assertThat(PlatformConfig.pingInterval(null)).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> PlatformConfig.pingInterval("soon")).hasMessageContaining("RUNPOD_PING_INTERVAL");
    }

    @Test
    void without_the_take_url_it_is_local_mode_and_without_key_or_pod_id_there_is_no_heartbeat() {
        PlatformConfig local = PlatformConfig.fromEnv(Map.of());
        assertThat(local.production()).isFalse();
        assertThat(local.heartbeatEnabled()).isFalse();
        assertThat(local.workerId()).hasSize(36); // a random UUID, as the SDK makes one
        assertThat(local.jobDoneUrl("j", false)).isEqualTo("JOB_DONE_URL?isStream=false");

        Map<String, String> noKey = new java.util.HashMap<>(ENV);
        noKey.remove("RUNPOD_AI_API_KEY");
        assertThat(PlatformConfig.fromEnv(noKey).heartbeatEnabled()).isFalse();
        Map<String, String> noPod = new java.util.HashMap<>(ENV);
        noPod.remove("RUNPOD_POD_ID");
        assertThat(PlatformConfig.fromEnv(noPod).heartbeatEnabled()).isFalse();
    }
}
