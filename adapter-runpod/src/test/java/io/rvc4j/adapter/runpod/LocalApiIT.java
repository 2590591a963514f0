package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rvc4j.engine.Rvc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --rp_serve_api} local API on port 0, called with the JDK's HTTP client the way RunPod's client calls the
 * platform. The engine is the facade over in-test ports: these tests check the API, not neural parity.
 */
class LocalApiIT {
    @TempDir
    Path models;
    TestEngine engine;
    Rvc rvc;
    LocalApiServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void setUp() throws Exception {
        engine = TestEngine.withRealDsp(models);
        rvc = engine.rvc();
        server = new LocalApiServer("127.0.0.1", 0, new JobHandler(rvc), 1);
    }

    @AfterEach
    void tearDown() {
        engine.slowGate.countDown();
        server.close();
        rvc.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer local")
                .timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body(), "response");
    }

    private static String wrap(ObjectNode input) {
        ObjectNode request = Json.object();
        request.set("input", input);
        return request.toString();
    }

    @Test
    void run_queues_a_job_and_status_reports_it_completed() throws Exception {
        HttpResponse<String> run = call("POST", "/run", wrap(Requests.operation("list_models")));
        assertThat(run.statusCode()).isEqualTo(200);
        JsonNode queued = json(run);
        assertThat(JobHandlerTest.fieldNames(queued)).containsExactly("id", "status");
        assertThat(queued.get("status").asText()).isIn("IN_QUEUE", "IN_PROGRESS", "COMPLETED");

        String id = queued.get("id").asText();
        JsonNode status = json(call("GET", "/status/" + id, null));
        for (int i = 0; i < 100 && !status.get("status").asText().equals("COMPLETED"); i++) {
            Thread.sleep(50);
            status = json(call("GET", "/status/" + id, null));
        }
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("id").asText()).isEqualTo(id);
        assertThat(status.get("output").toString()).isEqualTo("{\"models\":[\"alice\",\"slow_bob\"],\"count\":2}");
        assertThat(status.has("delayTime")).isTrue();
        assertThat(status.has("executionTime")).isTrue();
    }

    @Test
    void runsync_answers_the_cover_in_one_call_also_under_the_endpoint_prefix() throws Exception {
        JsonNode done = json(call("POST", "/v2/local-endpoint/runsync", wrap(Requests.cover("alice"))));
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("id").asText()).startsWith("sync-");
        assertThat(done.get("output").get("filename").asText()).isEqualTo("cover_alice.mp3");
        assertThat(done.get("output").get("success").asBoolean()).isTrue();

        JsonNode again = json(call("POST", "/local-endpoint/status/" + done.get("id").asText(), null));
        assertThat(again.get("output").get("size").asInt()).isEqualTo(done.get("output").get("size").asInt());
    }

    @Test
    void a_failed_job_has_status_failed_and_the_seeds_error() throws Exception {
        JsonNode failed = json(call("POST", "/runsync", wrap(Requests.cover("nobody"))));
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).startsWith("Voice model not found");
        assertThat(failed.has("output")).isFalse();
    }

    @Test
    void health_has_runpods_shape() throws Exception {
        call("POST", "/runsync", wrap(Requests.operation("list_models")));
        call("POST", "/runsync", wrap(Requests.operation("nope")));
        HttpResponse<String> response = call("GET", "/local-endpoint/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).toString()).isEqualTo("{\"jobs\":{\"completed\":1,\"failed\":1,\"inProgress\":0,"
                + "\"inQueue\":0,\"retried\":0},\"workers\":{\"idle\":1,\"running\":0}}");
    }

    @Test
    void bodies_over_runpods_limits_are_refused_with_413() throws Exception {
        String big = "x".repeat(LocalApiServer.RUN_LIMIT_BYTES);
        String request = "{\"input\": {\"operation\": \"health_check\", \"padding\": \"" + big + "\"}}";

        HttpResponse<String> run = call("POST", "/run", request);
        assertThat(run.statusCode()).isEqualTo(413);
        assertThat(json(run).get("error").asText()).startsWith("Payload too large: /run accepts at most 10 MB");

        HttpResponse<String> sync = call("POST", "/runsync", request);
        assertThat(sync.statusCode()).as("/runsync allows 20 MB").isEqualTo(200);
        assertThat(json(sync).get("status").asText()).isEqualTo("COMPLETED");

        String huge = "{\"input\": {\"padding\": \"" + "y".repeat(LocalApiServer.RUNSYNC_LIMIT_BYTES) + "\"}}";
        HttpResponse<String> tooBig = call("POST", "/runsync", huge);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(json(tooBig).get("error").asText()).contains("/runsync accepts at most 20 MB");
    }

    @Test
    void a_bare_seed_payload_is_the_input_queued_by_run_and_answered_bare_by_runsync() throws Exception {
        JsonNode bare = json(call("POST", "/runsync", "{\"operation\": \"list_models\"}"));
        assertThat(bare.toString()).isEqualTo("{\"models\":[\"alice\",\"slow_bob\"],\"count\":2}");
        JsonNode failed = json(call("POST", "/runsync", Requests.cover("nobody").toString()));
        assertThat(JobHandlerTest.fieldNames(failed)).containsExactly("error");

        String id = json(call("POST", "/run", "{\"operation\": \"list_models\"}")).get("id").asText();
        JsonNode status = json(call("GET", "/status/" + id, null));
        for (int i = 0; i < 100 && !status.get("status").asText().equals("COMPLETED"); i++) {
            Thread.sleep(50);
            status = json(call("GET", "/status/" + id, null));
        }
        assertThat(status.get("output").get("count").asInt()).as("/status keeps RunPod's shape").isEqualTo(2);
    }

    @Test
    void a_bare_seed_payload_that_outlasts_its_runsync_wait_comes_back_in_runpods_shape() throws Exception {
        JsonNode pending = json(call("POST", "/runsync?wait=1000", Requests.cover("slow_bob").toString()));
        assertThat(JobHandlerTest.fieldNames(pending)).contains("id", "status").doesNotContain("success", "error");
        assertThat(pending.get("status").asText()).isEqualTo("IN_PROGRESS");

        engine.slowGate.countDown();
        String id = pending.get("id").asText();
        JsonNode done = json(call("GET", "/status/" + id, null));
        for (int i = 0; i < 100 && !done.get("status").asText().equals("COMPLETED"); i++) {
            Thread.sleep(50);
            done = json(call("GET", "/status/" + id, null));
        }
        assertThat(done.get("output").get("filename").asText()).isEqualTo("cover_slow_bob.mp3");
    }

    @Test
    void malformed_requests_and_unknown_ids_are_clear_errors() throws Exception {
        HttpResponse<String> notJson = call("POST", "/run", "{oops");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).startsWith("request body is not valid JSON");
        HttpResponse<String> noInput = call("POST", "/run", "{\"params\": {}}");
        assertThat(noInput.statusCode()).isEqualTo(400);
        assertThat(json(noInput).get("error").asText()).contains("{\"input\": {...}}");
        HttpResponse<String> unknown = call("GET", "/status/does-not-exist", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("Job ID not found: does-not-exist");
        assertThat(call("GET", "/run", null).statusCode()).isEqualTo(405);
    }

    @Test
    void runsync_that_outlasts_its_wait_reports_progress_and_cancel_and_purge_work() throws Exception {
        JsonNode slow = json(call("POST", "/runsync?wait=1000", wrap(Requests.cover("slow_bob"))));
        assertThat(slow.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(engine.slowEntered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

        String queued = json(call("POST", "/run", wrap(Requests.operation("list_models")))).get("id").asText();
        String purged = json(call("POST", "/run", wrap(Requests.operation("list_models")))).get("id").asText();
        assertThat(json(call("GET", "/status/" + queued, null)).get("status").asText()).isEqualTo("IN_QUEUE");
        assertThat(json(call("POST", "/cancel/" + queued, null)).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(json(call("POST", "/purge-queue", null)).get("removed").asInt()).isEqualTo(1);

        engine.slowGate.countDown();
        String slowId = slow.get("id").asText();
        JsonNode done = json(call("GET", "/status/" + slowId, null));
        for (int i = 0; i < 100 && !done.get("status").asText().equals("COMPLETED"); i++) {
            Thread.sleep(50);
            done = json(call("GET", "/status/" + slowId, null));
        }
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(json(call("GET", "/status/" + queued, null)).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(json(call("GET", "/status/" + purged, null)).get("status").asText()).isEqualTo("CANCELLED");
    }
}
