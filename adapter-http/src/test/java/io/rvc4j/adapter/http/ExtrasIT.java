package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Beyond the seed: covers, model upload and delete, health and readiness, the OpenAPI document and Swagger UI. */
class ExtrasIT {
    private ServerHarness h;

    @BeforeEach
    void start() {
        h = new ServerHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static byte[] tone(double seconds, int rate) {
        return EngineDoubles.wav(rate, EngineDoubles.sine(rate, seconds, 100, 0.3));
    }

    static byte[] zip(String... namesThenContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesThenContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesThenContents[i]));
                z.write(namesThenContents[i + 1].getBytes(StandardCharsets.ISO_8859_1));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static final String PTH = new String(ServerHarness.FAKE_PTH, StandardCharsets.ISO_8859_1);

    private JsonNode modelNames() {
        return ServerHarness.json(h.get("/models")).get("models");
    }

    @Test
    void cover_from_multipart_stems_answers_the_mix_named_after_the_model() {
        HttpResponse<byte[]> r = h.postMultipart("/cover", new ServerHarness.Multipart()
                .field("voice_model", "alice").field("pitch_adjust", "2").field("output_format", "wav")
                .file("voice_audio", "v.wav", tone(0.5, 16_000)).file("instrument_audio", "i.wav", tone(0.8, 44_100)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"cover_alice.wav\"");
        AudioClip mix = h.engine.codec.decode(r.body(), DecodeSpec.NATIVE);
        assertThat(mix.sampleRate()).as("AICoverGen mixes at max(model rate, 44.1 kHz)").isEqualTo(44_100);
        assertThat(mix.frameCount()).as("as long as the longest stem").isEqualTo((int) Math.round(0.8 * 44_100));
        assertThat(h.engine.converter.lastParams.pitch()).isEqualTo(2);
        assertThat(h.engine.converter.lastParams.indexRate()).as("AICoverGen's default, not the seed's").isEqualTo(0.5);
    }

    @Test
    void cover_from_json_base64_defaults_to_mp3_and_checks_its_fields() {
        String body = "{\"voice_model\": \"bob\", \"voice_audio\": \"" + Base64.getEncoder().encodeToString(tone(0.3, 16_000))
                + "\", \"instrument_audio\": \"" + Base64.getEncoder().encodeToString(tone(0.3, 16_000)) + "\"}";
        HttpResponse<byte[]> r = h.postJson("/cover", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"cover_bob.mp3\"");

        HttpResponse<byte[]> missing = h.postJson("/cover", "{\"voice_model\": \"bob\", \"voice_audio\": \"AAAA\"}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(ServerHarness.json(missing).get("parameter").asText()).isEqualTo("instrument_audio");
        HttpResponse<byte[]> range = h.postJson("/cover", body.replace("{", "{\"pitch_adjust\": 40, "));
        assertThat(range.statusCode()).isEqualTo(422);
        assertThat(ServerHarness.json(range).get("parameter").asText()).isEqualTo("pitch_adjust");
        HttpResponse<byte[]> reverb = h.postJson("/cover", body.replace("{", "{\"reverb_wet\": 1.5, "));
        assertThat(ServerHarness.json(reverb).get("parameter").asText()).isEqualTo("reverb_wet");
    }

    @Test
    void uploads_a_zipped_model_that_then_lists_and_converts_and_deletes_it() throws IOException {
        HttpResponse<byte[]> r = h.postMultipart("/models", new ServerHarness.Multipart()
                .file("file", "carol.zip", zip("carol/carol_e200.pth", PTH, "carol/added_IVF1.index", "IwFlxxxx",
                        "carol/readme.txt", "hello")));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = ServerHarness.json(r);
        assertThat(body.get("name").asText()).isEqualTo("carol");
        assertThat(body.get("has_index").asBoolean()).isTrue();
        assertThat(r.headers().firstValue("Location")).hasValue("/models/carol");
        assertThat(Files.exists(h.modelsDir.resolve("carol/carol.pth"))).isTrue();
        assertThat(modelNames().toString()).contains("carol");
        assertThat(h.postMultipart("/convert", new ServerHarness.Multipart().field("model_name", "carol")
                .file("audio_file", "a.wav", tone(0.2, 16_000))).statusCode()).isEqualTo(200);

        assertThat(h.postMultipart("/models", new ServerHarness.Multipart().field("name", "carol")
                .file("model", "x.pth", ServerHarness.FAKE_PTH)).statusCode()).as("name taken").isEqualTo(409);

        assertThat(h.send(HttpRequest.newBuilder(h.uri("/models/carol")).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(modelNames().toString()).doesNotContain("carol");
        assertThat(Files.exists(h.modelsDir.resolve("carol"))).isFalse();
        assertThat(h.send(HttpRequest.newBuilder(h.uri("/models/carol")).DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void uploads_a_pth_with_an_index_and_deletes_a_flat_model() {
        HttpResponse<byte[]> r = h.postMultipart("/models", new ServerHarness.Multipart().field("name", "dave")
                .file("model", "whatever.pth", ServerHarness.FAKE_PTH).file("index", "x.index", "IxF2abcd".getBytes()));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(Files.exists(h.modelsDir.resolve("dave/dave.index"))).isTrue();
        assertThat(h.send(HttpRequest.newBuilder(h.uri("/models/bob")).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(Files.exists(h.modelsDir.resolve("bob.pth"))).isFalse();
        assertThat(modelNames().toString()).isEqualTo("[\"alice\",\"dave\"]");
    }

    @Test
    void refuses_zips_that_escape_the_folder_or_hold_two_models_and_files_that_are_not_models() throws IOException {
        HttpResponse<byte[]> traversal = h.postMultipart("/models", new ServerHarness.Multipart().field("name", "evil")
                .file("file", "evil.zip", zip("../../evil.pth", PTH)));
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(ServerHarness.json(traversal).get("error").asText()).contains("outside");
        assertThat(Files.exists(h.modelsDir.getParent().resolve("evil.pth"))).isFalse();
        assertThat(h.postMultipart("/models", new ServerHarness.Multipart()
                .file("file", "two.zip", zip("a.pth", PTH, "b.pth", PTH))).statusCode()).isEqualTo(400);
        assertThat(h.postMultipart("/models", new ServerHarness.Multipart()
                .file("file", "none.zip", zip("a.txt", "x"))).statusCode()).isEqualTo(400);
        assertThat(h.postMultipart("/models", new ServerHarness.Multipart()
                .file("model", "fake.pth", "<html>not a checkpoint</html>".getBytes())).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> badName = h.postMultipart("/models", new ServerHarness.Multipart().field("name", "../x")
                .file("model", "fake.pth", ServerHarness.FAKE_PTH));
        assertThat(badName.statusCode()).isEqualTo(422);
        assertThat(ServerHarness.json(badName).get("parameter").asText()).isEqualTo("name");
        assertThat(modelNames()).hasSize(2);
        try (var files = Files.list(h.modelsDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no staging folder left behind")
                    .containsExactlyInAnyOrder("alice", "bob.pth");
        }
    }

    @Test
    void health_is_always_ok_and_ready_needs_models() {
        assertThat(ServerHarness.json(h.get("/health")).get("status").asText()).isEqualTo("ok");
        HttpResponse<byte[]> ready = h.get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = ServerHarness.json(ready);
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("models").asInt()).isEqualTo(2);
        assertThat(body.get("device").asText()).isEqualTo("cpu");
        h.send(HttpRequest.newBuilder(h.uri("/models/alice")).DELETE().build());
        h.send(HttpRequest.newBuilder(h.uri("/models/bob")).DELETE().build());
        HttpResponse<byte[]> empty = h.get("/ready");
        assertThat(empty.statusCode()).isEqualTo(503);
        assertThat(ServerHarness.json(empty).get("problems").toString()).contains("no voice models");
        assertThat(h.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void the_openapi_document_describes_every_route_the_server_has() {
        HttpResponse<byte[]> r = h.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = ServerHarness.json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(h.server.routes()).hasSizeGreaterThan(10);
        for (String route : h.server.routes()) {
            String[] parts = route.split(" ", 2);
            String method = parts[0].equals("WS") ? "get" : parts[0].toLowerCase(Locale.ROOT);
            if (parts[0].equals("BEFORE") || parts[0].equals("AFTER")) {
                continue;
            }
            assertThat(doc.path("paths").path(parts[1]).has(method)).as("OpenAPI documents %s", route).isTrue();
        }
        assertThat(doc.path("paths").path("/convert").path("post").path("requestBody").toString())
                .contains("audio_file").contains("pitch_change").contains("volume_envelope").contains("index_rate")
                .contains("pitch_extraction_algo").contains("f0_method_weight");
    }

    @Test
    void serves_swagger_ui_at_docs_from_the_webjar() {
        HttpResponse<byte[]> page = h.get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("/openapi.json").contains("swagger-ui-bundle.js");
        HttpResponse<byte[]> js = h.get("/docs/swagger-ui-bundle.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body().length).isGreaterThan(100_000);
        assertThat(h.get("/docs/../../etc/passwd").statusCode()).as("Jetty refuses the ambiguous path").isIn(400, 404);
        assertThat(h.get("/docs/pom.xml").statusCode()).isEqualTo(404);
    }
}
