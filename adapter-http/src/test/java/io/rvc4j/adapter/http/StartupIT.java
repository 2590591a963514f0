package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rvc-server}'s device choice, run as the launcher runs it: a child JVM on the test class path with the real
 * engine (PyTorch CPU). The seed's {@code GPU_INDEX} falls back to the CPU with a warning when no GPU is visible; an
 * explicit device that is not there stops start-up with a message naming it.
 */
class StartupIT {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--host", "127.0.0.1", "--port", "0", "--models-dir", dir.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().remove("RVC_DEVICE");
        pb.environment().remove("GPU_INDEX");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putAll(env);
        return pb.start();
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    }

    @Test
    void the_seeds_gpu_index_runs_on_the_cpu_with_a_warning_when_no_gpu_is_visible() throws Exception {
        Process p = start(Map.of("GPU_INDEX", "0"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            Matcher m = LISTENING.matcher("");
            while (!(m = LISTENING.matcher(log())).find()) {
                assertThat(p.isAlive()).as("the server is still starting; log:\n%s", log()).isTrue();
                assertThat(System.nanoTime()).as("started in time; log:\n%s", log()).isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(100);
            }
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JsonFields.MAPPER.readTree(ready.body());
            String warning = "GPU_INDEX=0 is set but no GPU is visible: running on the CPU";
            if (body.get("gpu_available").asBoolean()) {
                assertThat(body.get("device").asText()).isEqualTo("gpu:0");
                assertThat(log()).doesNotContain(warning).contains("device: gpu:0 (asked: auto)");
            } else {
                assertThat(body.get("device").asText()).isEqualTo("cpu");
                assertThat(log()).contains(warning).contains("device: cpu (asked: auto)");
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_explicit_device_that_is_not_there_stops_start_up_naming_it() throws Exception {
        Process p = start(Map.of("RVC_DEVICE", "gpu:99"));
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(log()).contains("rvc-server: cannot start the engine: device: GPU 99 requested but")
                .containsPattern("no GPU is visible|only \\d+ GPU\\(s\\) are visible");
    }
}
