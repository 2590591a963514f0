package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed endpoints and their error paths driven by clients that share no code with the server: {@code curl} for
 * HTTP, and tools/clients/ws_client.py (Debian's python3-requests and python3-websockets, run by the system python3)
 * for the WebSocket flow. The engine is {@link EngineDoubles}, whose converter echoes its input, so what comes back
 * can be compared with what was sent.
 */
class IndependentClientsIT {
    private static ServerHarness h;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        h = new ServerHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    record Reply(int status, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return JsonFields.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    /** Runs {@code curl -sS <args> <url>}, returning status, content type and body. */
    private static Reply curl(String path, String... args) throws IOException {
        Path body = Files.createTempFile(dir, "curl", ".body");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-o", body.toString(), "-w",
                "%{http_code}\\n%{content_type}"));
        cmd.addAll(List.of(args));
        cmd.add(h.uri(path).toString());
        ExternalProcess.Result r = ExternalProcess.run(dir, cmd);
        assertThat(r.exit()).as("curl exit status; stderr: %s", r.stderr()).isZero();
        String[] lines = r.stdout().split("\n", -1);
        return new Reply(Integer.parseInt(lines[0].trim()), lines.length > 1 ? lines[1].trim() : "",
                Files.readAllBytes(body));
    }

    private static Path toneWav() throws IOException {
        Path wav = dir.resolve("in.wav");
        Files.write(wav, EngineDoubles.wav(16_000, EngineDoubles.sine(16_000, 0.5, 100, 0.5)));
        return wav;
    }

    @Test
    void curl_get_root_answers_the_seed_message() throws IOException {
        Reply r = curl("/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("message").asText()).isEqualTo("AniVoiceChanger API is running");
    }

    @Test
    void curl_get_models_lists_the_model_stems() throws IOException {
        Reply r = curl("/models");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().toString()).isEqualTo("{\"models\":[\"alice\",\"bob\"]}");
    }

    @Test
    void curl_post_convert_with_every_seed_form_field_returns_the_converted_wav() throws IOException {
        Path wav = toneWav();
        Reply r = curl("/convert", "-F", "audio_file=@" + wav, "-F", "model_name=bob", "-F", "pitch_change=12",
                "-F", "volume_envelope=0.5", "-F", "index_rate=0.7", "-F", "pitch_extraction_algo=harvest",
                "-F", "f0_method_weight=0.6");
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("audio/wav");
        ConversionParams p = h.engine.converter.lastParams;
        assertThat(p.pitch()).isEqualTo(12);
        assertThat(p.rmsMixRate()).isEqualTo(0.5);
        assertThat(p.indexRate()).isEqualTo(0.7);
        assertThat(p.f0Method().toString()).isEqualTo("harvest");
        assertThat(p.hybridWeight()).isEqualTo(0.6);

        AudioClip out = h.engine.codec.decode(r.body(), DecodeSpec.NATIVE);
        assertThat(out.sampleRate()).isEqualTo(EngineDoubles.MODEL_RATE);
        assertThat(out.frameCount()).isEqualTo(20_000);
        float[] expected = h.engine.resampler.resample(
                h.engine.codec.decode(Files.readAllBytes(wav), DecodeSpec.NATIVE).channel(0), 16_000, 40_000);
        float[] got = out.channel(0);
        for (int i = 0; i < got.length; i += 97) {
            // the echo converter's output, re-quantised to 16 bits once: within 1.5 steps
            assertThat(got[i]).as("sample %d", i).isCloseTo(expected[i], within(1.5f / 32768));
        }
    }

    @Test
    void curl_convert_with_an_unknown_model_is_404_in_the_error_shape() throws IOException {
        Reply r = curl("/convert", "-F", "audio_file=@" + toneWav(), "-F", "model_name=carol");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).as("the seed's wording, without the server's models directory")
                .isEqualTo("Voice model not found: carol");
    }

    @Test
    void curl_convert_with_out_of_range_values_is_422_naming_the_field() throws IOException {
        Path wav = toneWav();
        Reply pitch = curl("/convert", "-F", "audio_file=@" + wav, "-F", "model_name=alice", "-F", "pitch_change=30");
        assertThat(pitch.status()).isEqualTo(422);
        assertThat(pitch.json().get("parameter").asText()).isEqualTo("pitch_change");
        assertThat(pitch.json().get("error").asText()).contains("-24").contains("24").contains("30");
        Reply envelope = curl("/convert", "-F", "audio_file=@" + wav, "-F", "model_name=alice",
                "-F", "volume_envelope=1.5");
        assertThat(envelope.status()).isEqualTo(422);
        assertThat(envelope.json().get("parameter").asText()).isEqualTo("volume_envelope");
    }

    @Test
    void curl_convert_with_undecodable_audio_is_400() throws IOException {
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "this is not audio at all");
        Reply r = curl("/convert", "-F", "audio_file=@" + junk, "-F", "model_name=alice");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isNotBlank();
    }

    @Test
    void curl_convert_without_an_audio_file_or_a_model_is_422_naming_the_missing_field() throws IOException {
        Reply noAudio = curl("/convert", "-F", "model_name=alice", "-F", "pitch_change=0");
        assertThat(noAudio.status()).isEqualTo(422);
        assertThat(noAudio.json().get("parameter").asText()).isEqualTo("audio_file");
        assertThat(noAudio.json().get("error").asText()).contains("required");
        Reply noModel = curl("/convert", "-F", "audio_file=@" + toneWav());
        assertThat(noModel.status()).as("no model_name and no MODEL_NAME default").isEqualTo(422);
        assertThat(noModel.json().get("parameter").asText()).isEqualTo("model_name");
        assertThat(noModel.json().get("error").asText()).contains("MODEL_NAME");
    }

    @Test
    void curl_convert_with_a_body_that_is_not_multipart_is_400() throws IOException {
        Reply r = curl("/convert", "-H", "Content-Type: application/json", "-d", "{\"model_name\": \"alice\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("multipart/form-data").contains("audio_file");
    }

    @Test
    void curl_convert_when_the_engine_fails_is_500_with_a_generic_body() throws IOException {
        h.engine.converter.failure = new IllegalStateException("stand-in engine fault: secret detail");
        try {
            Reply r = curl("/convert", "-F", "audio_file=@" + toneWav(), "-F", "model_name=alice");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.json().get("error").asText()).matches("internal error while processing the request \\(ref [0-9a-f]+\\)");
            assertThat(r.json().toString()).as("the cause stays in the log").doesNotContain("secret detail");
        } finally {
            h.engine.converter.failure = null;
        }
        assertThat(curl("/convert", "-F", "audio_file=@" + toneWav(), "-F", "model_name=alice").status())
                .as("the server still converts after the fault").isEqualTo(200);
    }

    @Test
    void curl_post_convert_stream_issues_a_session_and_checks_its_parameters() throws IOException {
        Reply ok = curl("/convert/stream", "-H", "Content-Type: application/json", "-d",
                "{\"model_name\": \"alice\", \"pitch_change\": 0, \"volume_envelope\": 1.0, \"index_rate\": 0.0, "
                        + "\"pitch_extraction_algo\": \"rmvpe\", \"f0_method_weight\": 0.33}");
        assertThat(ok.status()).isEqualTo(200);
        String id = ok.json().get("session_id").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{43}");
        assertThat(ok.json().get("websocket_url").asText()).isEqualTo("/ws/" + id);
        Reply unknown = curl("/convert/stream", "-H", "Content-Type: application/json", "-d",
                "{\"model_name\": \"carol\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Voice model not found: carol");
        Reply index = curl("/convert/stream", "-H", "Content-Type: application/json", "-d",
                "{\"model_name\": \"alice\", \"index_rate\": 2}");
        assertThat(index.status()).isEqualTo(422);
        assertThat(index.json().get("parameter").asText()).isEqualTo("index_rate");
        assertThat(index.json().get("error").asText()).startsWith("index_rate:").contains("2");
        assertThat(curl("/convert/stream", "-H", "Content-Type: application/json", "-d", "{not json").status())
                .isEqualTo(400);
    }

    private static JsonNode pythonStream(String setup, String params, float[] input, Path output, String... extra)
            throws IOException {
        ExternalProcess.requirePythonModules("websockets", "requests");
        Path in = dir.resolve("in.s16le");
        Files.write(in, PcmFormat.S16LE.encode(input, 1));
        List<String> cmd = new ArrayList<>(List.of(ExternalProcess.PYTHON,
                ExternalProcess.root().resolve("tools/clients/ws_client.py").toString(),
                "http://127.0.0.1:" + h.server.port(), "--setup", setup, "--params", params, "--input", in.toString(),
                "--output", output.toString(), "--chunk-bytes", "3200"));
        cmd.addAll(List.of(extra));
        ExternalProcess.Result r = ExternalProcess.run(dir, cmd);
        assertThat(r.exit()).as("ws_client.py exit; stderr: %s", r.stderr()).isZero();
        return JsonFields.MAPPER.readTree(r.stdout());
    }

    @Test
    void python_websockets_client_streams_params_then_chunks_and_gets_the_converted_chunks_back() throws IOException {
        float[] input = StreamingIT.voice(1.3, 0.3);
        Path output = dir.resolve("out.s16le");
        JsonNode r = pythonStream("{\"model_name\": \"alice\"}", "{\"pitch_change\": 0}", input, output);
        assertThat(r.get("setup_status").asInt()).isEqualTo(200);
        JsonNode ack = r.get("text").get(0);
        assertThat(ack.get("type").asText()).isEqualTo("ready");
        assertThat(ack.get("block_size").asInt()).isEqualTo(8000);
        JsonNode end = r.get("text").get(r.get("text").size() - 1);
        assertThat(end.get("type").asText()).isEqualTo("end");
        assertThat(end.get("input_frames").asInt()).isEqualTo(input.length);
        assertThat(r.get("binary_messages").asInt()).as("20800 frames in 8000-frame blocks").isEqualTo(3);
        assertThat(r.get("output_bytes").asInt()).isEqualTo(2 * input.length);
        assertThat(r.get("close_code").asInt()).isEqualTo(1000);

        float[] out = PcmFormat.S16LE.decodeMono(ByteBuffer.wrap(Files.readAllBytes(output)), 1);
        int latency = ack.get("latency_frames").asInt();
        double worst = 0;
        for (int i = latency; i < out.length; i++) {
            worst = Math.max(worst, Math.abs(out[i] - input[i - latency]));
        }
        // as StreamingIT: 3.8e-4 measured at the announced delay, 0.029 one frame off
        assertThat(worst).as("deviation from the input delayed by latency_frames").isLessThan(0.002);
    }

    @Test
    void python_websockets_client_gets_an_error_message_and_close_for_bad_params() throws IOException {
        JsonNode r = pythonStream("{\"model_name\": \"alice\"}", "{\"pitch_change\": 99}", new float[320],
                dir.resolve("bad.s16le"));
        JsonNode error = r.get("text").get(0);
        assertThat(error.get("error").asText()).contains("pitch_change").contains("24");
        assertThat(r.get("binary_messages").asInt()).isZero();
        assertThat(r.get("close_code").asInt()).isEqualTo(1008);
    }

    @Test
    void python_websockets_client_gets_an_error_and_close_for_an_unknown_session_id() throws IOException {
        JsonNode r = pythonStream("{}", "{}", new float[320], dir.resolve("unknown.s16le"), "--ws-path",
                "/ws/not-a-session-id");
        assertThat(r.get("text")).hasSize(1);
        assertThat(r.get("text").get(0).get("error").asText()).contains("unknown, expired or already used session id");
        assertThat(r.get("binary_messages").asInt()).isZero();
        assertThat(r.get("close_code").asInt()).isEqualTo(1008);
    }

    @Test
    void python_websockets_client_gets_an_error_and_close_for_audio_before_the_parameters() throws IOException {
        JsonNode r = pythonStream("{\"model_name\": \"alice\"}", "{}", StreamingIT.voice(0.1, 0.3),
                dir.resolve("early.s16le"), "--audio-first");
        assertThat(r.get("setup_status").asInt()).isEqualTo(200);
        assertThat(r.get("text")).as("the error and nothing else: no ready").hasSize(1);
        assertThat(r.get("text").get(0).get("error").asText()).contains("send the JSON parameters before any audio");
        assertThat(r.get("binary_messages").asInt()).isZero();
        assertThat(r.get("close_code").asInt()).isEqualTo(1008);
    }
}
