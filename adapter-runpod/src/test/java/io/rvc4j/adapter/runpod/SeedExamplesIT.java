package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.engine.Rvc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's own examples (aicovergen-runpod-api.md, "사용 예제"), run as written against the local API with
 * {@code YOUR_RUNPOD_ENDPOINT} = its /runsync URL: the two cURL commands through the real {@code curl}, and the Python
 * example (tools/clients/runpod_seed_example.py) through Debian's python3 with python3-requests. The seed's payloads
 * have no {@code {"input": ...}} wrapper; the local API accepts them bare and answers bare (docs/runpod.md). Audio is
 * real: WAV files written by rvc-dsp's FFmpeg encoder, sent base64, and an MP3 back.
 */
class SeedExamplesIT {
    /** Debian's interpreter, where python3-requests installs; RVC_SYSTEM_PYTHON overrides. */
    static final String PYTHON = System.getenv().getOrDefault("RVC_SYSTEM_PYTHON",
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
    static final List<String> SEED_PARAMETERS = List.of("pitch_adjust", "index_rate", "filter_radius", "rms_mix_rate",
            "protect", "f0_method", "pitch_change_all", "reverb_rm_size", "reverb_wet", "reverb_dry", "reverb_damping",
            "main_gain", "backup_gain", "inst_gain", "output_format");

    @TempDir
    Path models;
    @TempDir
    Path work;
    final FfmpegAudioCodec codec = new FfmpegAudioCodec();
    Rvc rvc;
    LocalApiServer server;
    String endpoint;

    @BeforeEach
    void setUp() throws Exception {
        rvc = TestEngine.withRealDsp(models).rvc();
        server = new LocalApiServer("127.0.0.1", 0, new JobHandler(rvc), 1);
        endpoint = "http://127.0.0.1:" + server.port() + "/runsync";
        Files.write(work.resolve("voice.wav"), wav(220));
        Files.write(work.resolve("instrument.wav"), wav(110));
    }

    @AfterEach
    void tearDown() {
        server.close();
        rvc.close();
    }

    /** Half a second of a tone, 16 kHz mono, encoded by the real FFmpeg codec. */
    private byte[] wav(double hz) {
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * hz * i / 16_000));
        }
        return codec.encode(AudioClip.mono(16_000, x), OutputFormat.WAV);
    }

    record Result(int exit, String stdout, String stderr) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": install curl and python3-requests (apt-get"
                    + " install -y curl python3-requests), as .ci/run does", e);
        }
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished within 60 s", command.get(0)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private JsonNode curl(String data) throws Exception {
        // The seed's command: curl -X POST "YOUR_RUNPOD_ENDPOINT" -H "Content-Type: application/json" -d '...'
        Result r = run(List.of("curl", "-X", "POST", endpoint, "-H", "Content-Type: application/json", "-d", data));
        assertThat(r.exit()).as("curl exit; stderr: %s", r.stderr()).isZero();
        return Json.parse(r.stdout(), "curl output");
    }

    private static String b64(Path file) throws IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    @Test
    void the_seeds_curl_health_check_answers_the_seeds_shape() throws Exception {
        JsonNode health = curl("{\"operation\": \"health_check\"}");
        assertThat(JobHandlerTest.fieldNames(health))
                .containsExactly("status", "device", "available_models", "gpu_available");
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("device").asText()).isEqualTo("cpu");
        assertThat(health.get("available_models").toString()).isEqualTo("[\"alice\",\"slow_bob\"]");
        assertThat(health.get("gpu_available").isBoolean()).isTrue();
    }

    @Test
    void the_seeds_curl_generate_cover_returns_a_real_mp3_in_the_seeds_shape() throws Exception {
        JsonNode cover = curl("""
                {
                    "operation": "generate_cover_from_separate_audio",
                    "params": {
                      "voice_audio": "%s",
                      "instrument_audio": "%s",
                      "voice_model": "alice",
                      "pitch_adjust": 0,
                      "index_rate": 0.5,
                      "output_format": "mp3"
                    }
                  }""".formatted(b64(work.resolve("voice.wav")), b64(work.resolve("instrument.wav"))));
        assertThat(JobHandlerTest.fieldNames(cover))
                .containsExactly("success", "output_audio", "filename", "size", "model_used", "parameters");
        assertThat(cover.get("success").asBoolean()).isTrue();
        assertThat(cover.get("filename").asText()).isEqualTo("cover_alice.mp3");
        assertThat(cover.get("model_used").asText()).isEqualTo("alice");
        assertThat(JobHandlerTest.fieldNames(cover.get("parameters"))).containsAll(SEED_PARAMETERS);
        assertThat(cover.get("parameters").get("index_rate").asDouble()).isEqualTo(0.5);
        assertThat(cover.get("parameters").get("output_format").asText()).isEqualTo("mp3");
        byte[] mp3 = Base64.getDecoder().decode(cover.get("output_audio").asText());
        assertThat(mp3.length).isEqualTo(cover.get("size").asInt());
        AudioClip decoded = codec.decode(mp3, DecodeSpec.NATIVE);
        // 0.5 s in; an MP3 adds at most an encoder delay and one 1152-frame granule of padding (< 0.06 s at 44.1 kHz)
        assertThat(decoded.frameCount() / (double) decoded.sampleRate()).isBetween(0.5, 0.56);
    }

    @Test
    void the_seeds_curl_with_an_unknown_model_answers_the_seeds_error() throws Exception {
        JsonNode error = curl("{\"operation\": \"generate_cover_from_separate_audio\", \"params\": {\"voice_audio\": \""
                + b64(work.resolve("voice.wav")) + "\", \"instrument_audio\": \"" + b64(work.resolve("instrument.wav"))
                + "\", \"voice_model\": \"model_name\"}}");
        assertThat(JobHandlerTest.fieldNames(error)).containsExactly("error");
        assertThat(error.get("error").asText()).startsWith("Voice model not found");
    }

    private Result pythonExample(String model) throws Exception {
        Result check = run(List.of(PYTHON, "-c", "import requests"));
        assertThat(check.exit()).as("%s cannot import requests: %s\nInstall Debian's python3-requests (apt-get install"
                + " -y python3-requests), as .ci/run does, or set RVC_SYSTEM_PYTHON", PYTHON, check.stderr()).isZero();
        Path script = Path.of(System.getProperty("rvc4j.root", ".."), "tools/clients/runpod_seed_example.py")
                .toAbsolutePath();
        return run(List.of(PYTHON, script.toString(), endpoint, model));
    }

    @Test
    void the_seeds_python_example_writes_the_cover_it_was_sent() throws Exception {
        Result r = pythonExample("alice");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("Cover generated successfully!");
        Path written = work.resolve("cover_alice.mp3");
        assertThat(written).exists();
        AudioClip decoded = codec.decode(Files.readAllBytes(written), DecodeSpec.NATIVE);
        assertThat(decoded.sampleRate()).isEqualTo(44_100);
        assertThat(decoded.frameCount() / (double) decoded.sampleRate()).isBetween(0.5, 0.56);
    }

    @Test
    void the_seeds_python_example_prints_the_seeds_error_for_an_unknown_model() throws Exception {
        Result r = pythonExample("your_model_name");
        assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout().strip()).startsWith("Error: Voice model not found: your_model_name");
    }
}
