package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's flags, rvc4j's own, and the environment that fills in the rest. */
class WorkerOptionsTest {

    @Test
    void reads_the_sdks_flags_in_both_spellings_and_both_forms() {
        WorkerOptions o = WorkerOptions.parse(new String[] {"--rp_serve_api", "--rp-api-port=9001", "--rp_api_host",
            "0.0.0.0", "--test-input", "{\"input\":{}}", "--rp_log_level", "DEBUG", "--rp_debugger"}, Map.of());
        assertThat(o.serveApi()).isTrue();
        assertThat(o.apiPort()).isEqualTo(9001);
        assertThat(o.apiHost()).isEqualTo("0.0.0.0");
        assertThat(o.testInput()).contains("{\"input\":{}}");
        assertThat(o.logLevel()).contains("DEBUG");
    }

    @Test
    void defaults_follow_the_sdk_and_the_seed() {
        WorkerOptions o = WorkerOptions.parse(new String[0], Map.of());
        assertThat(o.serveApi()).isFalse();
        assertThat(o.apiHost()).isEqualTo("localhost");
        assertThat(o.apiPort()).isEqualTo(8000);
        assertThat(o.concurrency()).isEqualTo(1);
        assertThat(o.device()).isEqualTo("auto");
        assertThat(o.progressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(WorkerOptions.VOLUME_MODELS).isEqualTo(Path.of("/runpod-volume/rvc_models"));
        assertThat(WorkerOptions.WORKSPACE_MODELS).isEqualTo(Path.of("/workspace/rvc_models"));
    }

    @Test
    void models_dir_is_the_network_volume_when_it_is_mounted(@TempDir Path root) throws Exception {
        Path volume = Files.createDirectories(root.resolve("runpod-volume/rvc_models"));
        Path workspace = Files.createDirectories(root.resolve("workspace/rvc_models"));
        assertThat(WorkerOptions.parse(new String[0], Map.of(), volume, workspace).modelsDir()).isEqualTo(volume);
    }

    @Test
    void models_dir_falls_back_to_the_seeds_workspace_without_a_volume(@TempDir Path root) {
        Path volume = root.resolve("runpod-volume/rvc_models");
        Path workspace = root.resolve("workspace/rvc_models");
        assertThat(WorkerOptions.parse(new String[0], Map.of(), volume, workspace).modelsDir()).isEqualTo(workspace);
    }

    @Test
    void models_dir_from_the_environment_or_flag_wins_over_a_mounted_volume(@TempDir Path root) throws Exception {
        Path volume = Files.createDirectories(root.resolve("runpod-volume/rvc_models"));
        Path workspace = root.resolve("workspace/rvc_models");
        Map<String, String> env = Map.of("RVC_MODELS_DIR", "/env/models");
        assertThat(WorkerOptions.parse(new String[0], env, volume, workspace).modelsDir())
                .isEqualTo(Path.of("/env/models"));
        assertThat(WorkerOptions.parse(new String[] {"--models-dir=/flag/models"}, env, volume, workspace).modelsDir())
                .isEqualTo(Path.of("/flag/models"));
        assertThat(WorkerOptions.parse(new String[0], Map.of("RVC_MODELS_DIR", " "), volume, workspace).modelsDir())
                .as("a blank variable is unset").isEqualTo(volume);
    }

    @Test
    void models_dir_and_device_come_from_the_flag_before_the_environment() {
        Map<String, String> env = Map.of("RVC_MODELS_DIR", "/env/models", "RVC_DEVICE", "cpu",
                "RVC_RUNPOD_CONCURRENCY", "3", "RVC_RUNPOD_PROGRESS_INTERVAL_S", "0");
        WorkerOptions fromEnv = WorkerOptions.parse(new String[0], env);
        assertThat(fromEnv.modelsDir()).isEqualTo(Path.of("/env/models"));
        assertThat(fromEnv.device()).isEqualTo("cpu");
        assertThat(fromEnv.concurrency()).isEqualTo(3);
        assertThat(fromEnv.progressInterval()).isZero();
        WorkerOptions fromFlags = WorkerOptions.parse(
                new String[] {"--models-dir", "/flag/models", "--device", "gpu:1", "--concurrency", "2"}, env);
        assertThat(fromFlags.modelsDir()).isEqualTo(Path.of("/flag/models"));
        assertThat(fromFlags.device()).isEqualTo("gpu:1");
        assertThat(fromFlags.concurrency()).isEqualTo(2);
    }

    @Test
    void rejects_unknown_flags_missing_values_and_bad_numbers() {
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--turbo"}, Map.of()))
                .isInstanceOf(WorkerOptions.UsageException.class).hasMessage("unknown option '--turbo'");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--test_input"}, Map.of()))
                .hasMessage("--test_input needs a value");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--rp_api_port", "http"}, Map.of()))
                .hasMessage("--rp_api_port must be a whole number, got 'http'");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--concurrency", "0"}, Map.of()))
                .hasMessage("--concurrency must be between 1 and 64, got 0");
        assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"stray"}, Map.of()))
                .hasMessage("unexpected argument 'stray'");
    }
}
