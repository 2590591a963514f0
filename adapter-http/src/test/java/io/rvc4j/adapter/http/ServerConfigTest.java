package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void defaults_follow_the_seed_and_design_port_8000_and_rvc_models() {
        ServerConfig c = ServerConfig.from(new String[0], Map.of());
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.modelsDir()).isEqualTo(Path.of("rvc_models"));
        assertThat(c.apiKey()).isEmpty();
        assertThat(c.corsOrigins()).isEmpty();
        assertThat(c.device()).isEqualTo("auto");
    }

    @Test
    void flags_win_over_the_environment() {
        Map<String, String> env = Map.of("PORT", "9000", "RVC_MODELS_DIR", "/env/models", "GPU_INDEX", "1");
        ServerConfig fromEnv = ServerConfig.from(new String[0], env);
        assertThat(fromEnv.port()).isEqualTo(9000);
        assertThat(fromEnv.modelsDir()).isEqualTo(Path.of("/env/models"));
        assertThat(fromEnv.device()).as("GPU_INDEX is read by the engine's auto").isEqualTo("auto");
        ServerConfig flags = ServerConfig.from(new String[] {"--port", "7000", "--models-dir=/flag/models",
                "--device", "cpu", "--host", "127.0.0.1"}, env);
        assertThat(flags.port()).isEqualTo(7000);
        assertThat(flags.modelsDir()).isEqualTo(Path.of("/flag/models"));
        assertThat(flags.device()).isEqualTo("cpu");
        assertThat(flags.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void reads_the_key_cors_origins_and_limits_from_the_environment() {
        ServerConfig c = ServerConfig.from(new String[0], Map.of("RVC_API_KEY", "k", "RVC_CORS_ORIGINS",
                " https://a.example , https://b.example ", "RVC_MAX_UPLOAD_MB", "5", "RVC_QUEUE_SIZE", "0"));
        assertThat(c.apiKey()).hasValue("k");
        assertThat(c.corsOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
        assertThat(c.maxUploadBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.queueSize()).isZero();
        assertThat(ServerConfig.from(new String[0], Map.of("RVC_API_KEY", " ")).apiKey()).as("blank is off").isEmpty();
    }

    @Test
    void rejects_unknown_flags_and_bad_numbers() {
        assertThatThrownBy(() -> ServerConfig.from(new String[] {"--prot", "1"}, Map.of())).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ServerConfig.from(new String[] {"--port"}, Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ServerConfig.from(new String[0], Map.of("PORT", "eighty"))).hasMessageContaining("port");
        assertThatThrownBy(() -> ServerConfig.from(new String[0], Map.of("RVC_WORKERS", "0"))).hasMessageContaining("RVC_WORKERS");
        assertThat(Main.run(new String[] {"--bogus", "x"})).as("usage error exit code").isEqualTo(2);
    }

    @Test
    void gpu_index_must_be_a_non_negative_integer_and_its_fallback_is_reported_only_when_it_was_not_honoured() {
        assertThatThrownBy(() -> ServerConfig.from(new String[0], Map.of("GPU_INDEX", "first")))
                .hasMessageContaining("GPU_INDEX").hasMessageContaining("first");
        assertThatThrownBy(() -> ServerConfig.from(new String[0], Map.of("GPU_INDEX", "-1")))
                .hasMessageContaining("GPU_INDEX").hasMessageContaining("0 or more");
        Map<String, String> env = Map.of("GPU_INDEX", "0");
        assertThat(Main.gpuIndexNotUsed(env, "auto", "cpu")).hasValueSatisfying(w -> assertThat(w)
                .contains("GPU_INDEX=0").contains("no GPU is visible").contains("RVC_DEVICE=gpu:0"));
        assertThat(Main.gpuIndexNotUsed(env, "auto", "gpu:0")).as("honoured").isEmpty();
        assertThat(Main.gpuIndexNotUsed(Map.of(), "auto", "cpu")).as("not set").isEmpty();
        assertThat(ServerConfig.from(new String[] {"--device", "gpu:0"}, env).device())
                .as("an explicit device is passed on as given, strict").isEqualTo("gpu:0");
    }
}
