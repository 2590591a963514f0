package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rvc4j.engine.Rvc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RunPod's own Python client ({@code runpod.Endpoint} from runpod-python) against the local API, through
 * tools/runpod/official_client_check.py. Runs when {@code RUNPOD_PYTHON_SRC} points at a runpod-python checkout and a
 * Python with {@code requests} is found ({@code RVC_PYTHON}, else /work/venv-ref/bin/python); skipped otherwise.
 */
class OfficialClientIT {
    @TempDir
    Path models;

    @Test
    void runpods_python_client_drives_the_local_api_unchanged() throws Exception {
        Optional<Path> src = Optional.ofNullable(System.getenv("RUNPOD_PYTHON_SRC")).map(Path::of)
                .filter(p -> Files.isRegularFile(p.resolve("runpod/endpoint/runner.py")));
        Path python = Path.of(Optional.ofNullable(System.getenv("RVC_PYTHON")).orElse("/work/venv-ref/bin/python"));
        assumeTrue(src.isPresent() && Files.isExecutable(python),
                "set RUNPOD_PYTHON_SRC to a runpod-python checkout (and RVC_PYTHON) to run this test");
        Path script = Path.of(System.getProperty("rvc4j.root", ".."), "tools/runpod/official_client_check.py");

        TestEngine engine = TestEngine.withRealDsp(models);
        try (Rvc rvc = engine.rvc(); LocalApiServer server = new LocalApiServer("127.0.0.1", 0, new JobHandler(rvc), 1)) {
            Process p = new ProcessBuilder(python.toString(), script.toString(), "http://127.0.0.1:" + server.port())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(stdout).isZero();
            JsonNode r = Json.parse(stdout.trim(), "client output");

            assertThat(r.get("health_check").get("status").asText()).isEqualTo("healthy");
            assertThat(r.get("health_check").get("available_models").toString()).isEqualTo("[\"alice\",\"slow_bob\"]");
            assertThat(r.get("list_models").toString()).isEqualTo("{\"models\":[\"alice\",\"slow_bob\"],\"count\":2}");
            assertThat(r.get("list_models_status").asText()).isEqualTo("COMPLETED");
            JsonNode cover = r.get("cover");
            assertThat(cover.get("success").asBoolean()).isTrue();
            assertThat(cover.get("filename").asText()).isEqualTo("cover_alice.wav");
            assertThat(cover.get("parameters").get("pitch_adjust").asInt()).isEqualTo(2);
            assertThat(r.get("cover_audio_bytes").asInt()).isEqualTo(cover.get("size").asInt());
            assertThat(r.get("cover_audio_riff").asText()).isEqualTo("RIFF");
            // The client returns `output` of a final job; a FAILED job has none, so it returns None.
            assertThat(r.get("failed_run_sync").isNull()).isTrue();
            assertThat(r.get("failed_output").isNull()).isTrue();
            assertThat(r.get("failed_status").asText()).isEqualTo("FAILED");
            assertThat(r.get("health").get("jobs").get("failed").asInt()).isEqualTo(2);
            assertThat(r.get("health").get("jobs").get("completed").asInt()).isEqualTo(3);
        }
    }
}
