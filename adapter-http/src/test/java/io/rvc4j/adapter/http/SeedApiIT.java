package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.PitchMethod;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AniVoiceChanger seed's endpoints on a real server and client. The engine is {@link EngineDoubles}: these tests
 * check the adapter (routes, fields, defaults, status codes, bodies), not neural parity.
 */
class SeedApiIT {
    private static ServerHarness h;

    @BeforeAll
    static void start() {
        h = new ServerHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static byte[] tone() {
        return EngineDoubles.wav(16_000, EngineDoubles.sine(16_000, 0.5, 100, 0.5));
    }

    @Test
    void root_answers_the_seed_message() {
        HttpResponse<byte[]> r = h.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ServerHarness.json(r).get("message").asText()).isEqualTo("AniVoiceChanger API is running");
    }

    @Test
    void models_lists_folder_and_flat_models_by_name() {
        JsonNode body = ServerHarness.json(h.get("/models"));
        assertThat(body.get("models")).hasSize(2);
        assertThat(body.get("models").get(0).asText()).isEqualTo("alice");
        assertThat(body.get("models").get(1).asText()).isEqualTo("bob");
    }

    @Test
    void convert_returns_the_converted_voice_as_wav_with_the_seed_defaults() {
        HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                .field("model_name", "alice").file("audio_file", "in.wav", tone()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/wav");
        AudioClip out = h.engine.codec.decode(r.body(), DecodeSpec.NATIVE);
        assertThat(out.sampleRate()).isEqualTo(EngineDoubles.MODEL_RATE);
        assertThat(out.frameCount()).isEqualTo(20_000);
        // The echo converter resamples 16 kHz to 40 kHz; compare with the same resampling of the quantised input.
        float[] expected = h.engine.resampler.resample(
                h.engine.codec.decode(tone(), DecodeSpec.NATIVE).channel(0), 16_000, 40_000);
        float[] got = out.channel(0);
        for (int i = 0; i < got.length; i += 97) {
            // one 16-bit step of re-quantisation on output
            assertThat(got[i]).as("sample %d", i).isCloseTo(expected[i], within(1.5f / 32768));
        }
        ConversionParams p = h.engine.converter.lastParams;
        assertThat(p.pitch()).isZero();
        assertThat(p.rmsMixRate()).isEqualTo(1.0);
        assertThat(p.indexRate()).isEqualTo(0.0);
        assertThat(p.f0Method()).isEqualTo(PitchMethod.RMVPE);
        // the seed's default 0.33 is reported, but no weight was given: the hybrid takes the plain median (docs/pitch.md)
        assertThat(p.hybridWeight()).isEqualTo(0.33);
        assertThat(p.f0MethodWeight()).isEmpty();
    }

    @Test
    void convert_applies_every_seed_form_field() {
        HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                .field("model_name", "bob").field("pitch_change", "12").field("volume_envelope", "0.5")
                .field("index_rate", "0.7").field("pitch_extraction_algo", "hybrid[rmvpe+crepe]")
                .field("f0_method_weight", "0.6").file("audio_file", "in.wav", tone()));
        assertThat(r.statusCode()).isEqualTo(200);
        ConversionParams p = h.engine.converter.lastParams;
        assertThat(p.pitch()).isEqualTo(12);
        assertThat(p.rmsMixRate()).isEqualTo(0.5);
        assertThat(p.indexRate()).isEqualTo(0.7);
        assertThat(p.f0Method().toString()).isEqualTo("hybrid[rmvpe+crepe]");
        assertThat(p.f0MethodWeight()).hasValue(0.6);
    }

    @Test
    void convert_takes_its_defaults_from_the_seed_environment() {
        Map<String, String> env = Map.of("MODEL_NAME", "bob", "PITCH_CHANGE", "-3", "VOLUME_ENVELOPE", "0.25",
                "INDEX_RATE", "0.4", "PITCH_EXTRACTION_ALGO", "harvest");
        try (ServerHarness withEnv = new ServerHarness(c -> c.withDefaults(ParamDefaults.fromEnv(env)))) {
            HttpResponse<byte[]> r = withEnv.postMultipart("/convert", new ServerHarness.Multipart()
                    .file("audio_file", "in.wav", tone()));
            assertThat(r.statusCode()).isEqualTo(200);
            ConversionParams p = withEnv.engine.converter.lastParams;
            assertThat(p.pitch()).isEqualTo(-3);
            assertThat(p.rmsMixRate()).isEqualTo(0.25);
            assertThat(p.indexRate()).isEqualTo(0.4);
            assertThat(p.f0Method().toString()).isEqualTo("harvest");
        }
    }

    @Test
    void convert_with_an_unknown_model_is_404() {
        HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                .field("model_name", "carol").file("audio_file", "in.wav", tone()));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ServerHarness.json(r).get("error").asText()).contains("Voice model not found: carol");
    }

    @Test
    void rejects_pitch_change_out_of_range_with_422_naming_the_field_and_range() {
        HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                .field("model_name", "alice").field("pitch_change", "30").file("audio_file", "in.wav", tone()));
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = ServerHarness.json(r);
        assertThat(body.get("parameter").asText()).isEqualTo("pitch_change");
        assertThat(body.get("error").asText()).contains("pitch_change").contains("-24").contains("24").contains("30");
    }

    @Test
    void rejects_a_non_numeric_index_rate_with_422() {
        HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                .field("model_name", "alice").field("index_rate", "lots").file("audio_file", "in.wav", tone()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(ServerHarness.json(r).get("parameter").asText()).isEqualTo("index_rate");
    }

    @Test
    void rejects_an_unknown_pitch_algorithm_with_422() {
        HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                .field("model_name", "alice").field("pitch_extraction_algo", "yin").file("audio_file", "in.wav", tone()));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(ServerHarness.json(r).get("parameter").asText()).isEqualTo("pitch_extraction_algo");
    }

    @Test
    void rejects_a_missing_audio_file_with_422_and_a_missing_model_without_default_with_422() {
        HttpResponse<byte[]> noFile = h.postMultipart("/convert", new ServerHarness.Multipart().field("model_name", "alice"));
        assertThat(noFile.statusCode()).isEqualTo(422);
        assertThat(ServerHarness.json(noFile).get("parameter").asText()).isEqualTo("audio_file");
        HttpResponse<byte[]> noModel = h.postMultipart("/convert", new ServerHarness.Multipart()
                .file("audio_file", "in.wav", tone()));
        assertThat(noModel.statusCode()).isEqualTo(422);
        assertThat(ServerHarness.json(noModel).get("parameter").asText()).isEqualTo("model_name");
    }

    @Test
    void rejects_a_body_that_is_not_multipart_and_audio_that_does_not_decode_with_400() {
        assertThat(h.postJson("/convert", "{\"model_name\": \"alice\"}").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                .field("model_name", "alice").file("audio_file", "in.wav", "not audio at all".getBytes()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerHarness.json(r).get("error").asText()).isNotBlank();
    }

    @Test
    void a_fault_inside_the_engine_is_500_with_a_generic_message() {
        h.engine.converter.failure = new IllegalStateException("secret internal detail");
        try {
            HttpResponse<byte[]> r = h.postMultipart("/convert", new ServerHarness.Multipart()
                    .field("model_name", "alice").file("audio_file", "in.wav", tone()));
            assertThat(r.statusCode()).isEqualTo(500);
            String error = ServerHarness.json(r).get("error").asText();
            assertThat(error).contains("internal error").doesNotContain("secret");
        } finally {
            h.engine.converter.failure = null;
        }
    }

    @Test
    void an_unknown_route_is_404_in_the_same_error_shape() {
        HttpResponse<byte[]> r = h.get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ServerHarness.json(r).get("error").asText()).isNotBlank();
    }

    @Test
    void convert_stream_issues_a_fresh_unguessable_session_with_its_websocket_url() {
        JsonNode a = ServerHarness.json(h.postJson("/convert/stream", "{\"model_name\": \"alice\", \"pitch_change\": 2}"));
        JsonNode b = ServerHarness.json(h.postJson("/convert/stream", "{\"model_name\": \"alice\"}"));
        String id = a.get("session_id").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{43}");
        assertThat(a.get("websocket_url").asText()).isEqualTo("/ws/" + id);
        assertThat(b.get("session_id").asText()).isNotEqualTo(id);
    }

    @Test
    void convert_stream_checks_its_parameters_up_front() {
        assertThat(h.postJson("/convert/stream", "{\"model_name\": \"carol\"}").statusCode()).isEqualTo(404);
        assertThat(h.postJson("/convert/stream", "{\"model_name\": \"alice\", \"index_rate\": 2}").statusCode())
                .isEqualTo(422);
        assertThat(h.postJson("/convert/stream", "{not json").statusCode()).isEqualTo(400);
    }
}
