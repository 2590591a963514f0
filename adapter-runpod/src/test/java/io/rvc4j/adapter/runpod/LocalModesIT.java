package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's local test modes (--test_input, test_input.json), usage errors, and a real SIGTERM to a real worker
 * process. The engine is the facade over in-test ports: these tests check the adapter, not neural parity.
 */
class LocalModesIT {
    @TempDir
    Path models;
    @TempDir
    Path workDir;
    TestEngine engine;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        engine = TestEngine.withRealDsp(models);
    }

    private int run(Map<String, String> env, String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new WorkerApp(env, engine.source(), workDir, o, e).run(args);
    }

    private JsonNode printedResult() {
        return Json.parse(out.toString(StandardCharsets.UTF_8).trim(), "stdout");
    }

    @Test
    void test_input_flag_runs_one_job_and_prints_its_result() {
        int code = run(Map.of(), "--test_input", "{\"input\": {\"operation\": \"list_models\"}}");
        assertThat(code).isZero();
        assertThat(printedResult().toString()).isEqualTo("{\"output\":{\"models\":[\"alice\",\"slow_bob\"],\"count\":2}}");
    }

    @Test
    void test_input_with_dashes_runs_a_cover() {
        String job = Requests.job("local", Requests.cover("alice")).toString();
        assertThat(run(Map.of(), "--test-input", job)).isZero();
        assertThat(printedResult().get("output").get("filename").asText()).isEqualTo("cover_alice.mp3");
    }

    @Test
    void test_input_json_in_the_working_directory_is_the_job_without_flags() throws Exception {
        Files.writeString(workDir.resolve("test_input.json"), "{\"input\": {\"operation\": \"health_check\"}}");
        assertThat(run(Map.of())).isZero();
        assertThat(printedResult().get("output").get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void without_test_input_json_the_local_mode_exits_1() {
        assertThat(run(Map.of())).isEqualTo(1);
        assertThat(out.size()).isZero();
    }

    @Test
    void a_job_without_input_exits_1_and_a_failed_job_exits_1_with_its_error() {
        assertThat(run(Map.of(), "--test_input", "{\"operation\": \"list_models\"}")).isEqualTo(1);
        assertThat(run(Map.of(), "--test_input", "{\"input\": {\"operation\": \"nope\"}}")).isEqualTo(1);
        assertThat(printedResult().get("error").asText()).startsWith("Unknown operation: nope");
        assertThat(run(Map.of(), "--test_input", "{not json")).isEqualTo(1);
    }

    @Test
    void test_input_wins_over_the_production_environment_and_makes_no_network_call() throws Exception {
        try (FakeRunpodPlatform platform = new FakeRunpodPlatform()) {
            int code = run(platform.env("w"), "--test_input", "{\"input\": {\"operation\": \"health_check\"}}");
            assertThat(code).isZero();
            assertThat(platform.calls).isEmpty();
        }
    }

    @Test
    void bad_usage_exits_2_with_the_reason_and_help_exits_0() {
        assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--frobnicate'", "Usage: rvc-runpod");
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--rp_serve_api", "--test_input");
    }

    @Test
    void an_engine_that_cannot_start_exits_1() {
        int code = new WorkerApp(Map.of(), (dir, device) -> {
            throw new io.rvc4j.core.error.EngineException("this engine cannot start");
        }, workDir, new PrintStream(out), new PrintStream(err))
                .run(new String[] {"--test_input", "{\"input\": {}}"});
        assertThat(code).isEqualTo(1);
    }

    @Test
    void rp_serve_api_serves_until_stopped() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        WorkerApp app = new WorkerApp(Map.of(), engine.source(), workDir, sink, sink);
        int[] code = {-1};
        Thread server = new Thread(() -> code[0] = app.run(new String[] {"--rp_serve_api", "--rp_api_host",
            "127.0.0.1", "--rp_api_port", Integer.toString(port)}));
        server.start();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/runsync"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"input\": {\"operation\": \"list_models\"}}"))
                .build();
        String body = null;
        for (int i = 0; i < 100 && body == null; i++) {
            try {
                body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.net.ConnectException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(Json.parse(body, "response").get("output").get("count").asInt()).isEqualTo(2);

        assertThat(app.requestStop()).as("no jobs to drain: the hook need not wait").isFalse();
        server.join(10_000);
        assertThat(server.isAlive()).isFalse();
        assertThat(code[0]).isZero();
    }

    @Test
    void sigterm_to_a_real_worker_process_finishes_the_job_in_flight() throws Exception {
        try (FakeRunpodPlatform platform = new FakeRunpodPlatform()) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TestWorkerMain.class.getName(),
                    models.toString(), "3000"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("worker.log").toFile());
            Map<String, String> env = new HashMap<>(platform.env("proc-worker"));
            pb.environment().putAll(env);
            platform.jobs.add(Requests.job("during-sigterm", Requests.cover("slow_bob")));
            Process worker = pb.start();
            try {
                WorkerLoopIT.awaitCondition(() -> platform.jobs.isEmpty(), "the job taken");
                WorkerLoopIT.awaitCondition(() -> platform.pings().stream()
                        .anyMatch(p -> "during-sigterm".equals(p.query().get("job_id"))), "the job running");
                worker.destroy(); // SIGTERM
                platform.jobs.add(Requests.job("after-sigterm", Requests.operation("list_models")));

                assertThat(worker.waitFor(20, TimeUnit.SECONDS)).as("exited; log:\n" + log()).isTrue();
                assertThat(worker.exitValue()).as("terminated by SIGTERM").isEqualTo(143);
                assertThat(platform.results("during-sigterm")).hasSize(1);
                assertThat(platform.results("during-sigterm").get(0).json().get("output").get("success").asBoolean())
                        .isTrue();
                assertThat(platform.jobs).extracting(j -> j.get("id").asText()).containsExactly("after-sigterm");
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(workDir.resolve("worker.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
