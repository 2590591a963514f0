package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.model.Stem;
import io.rvc4j.engine.Rvc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each operation's response shape and error text, exactly as the AICoverGen RunPod seed writes them. The engine is the
 * real facade over in-test ports (TestEngine): this checks the adapter, not neural parity.
 */
class JobHandlerTest {
    static final List<String> SEED_COVER_ECHO = List.of("pitch_adjust", "index_rate", "filter_radius", "rms_mix_rate",
            "protect", "f0_method", "pitch_change_all", "reverb_rm_size", "reverb_wet", "reverb_dry", "reverb_damping",
            "main_gain", "backup_gain", "inst_gain", "output_format");

    @TempDir
    Path models;
    TestEngine test;
    Rvc rvc;
    JobHandler handler;

    @BeforeEach
    void setUp() {
        test = TestEngine.withModels(models);
        rvc = test.rvc();
        handler = new JobHandler(rvc);
    }

    @AfterEach
    void tearDown() {
        rvc.close();
    }

    @Test
    void health_check_answers_the_seeds_four_fields() {
        JsonNode out = handler.handle(Requests.operation("health_check")).get("output");
        assertThat(fieldNames(out)).containsExactly("status", "device", "available_models", "gpu_available");
        assertThat(out.get("status").asText()).isEqualTo("healthy");
        assertThat(out.get("device").asText()).isEqualTo("cpu");
        assertThat(out.get("available_models").toString()).isEqualTo("[\"alice\",\"slow_bob\"]");
        assertThat(out.get("gpu_available").isBoolean()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"gpu:0, true, cuda", "gpu:3, true, cuda", "cpu, true, cpu", "cpu, false, cpu"})
    void health_check_names_a_gpu_cuda_as_the_seed_does(String engineDevice, boolean gpu, String seedDevice) {
        test.device = new DeviceInfo(engineDevice, gpu);
        JsonNode out = handler.handle(Requests.operation("health_check")).get("output");
        assertThat(out.get("device").asText()).isEqualTo(seedDevice);
        assertThat(out.get("gpu_available").asBoolean()).isEqualTo(gpu);
    }

    @Test
    void list_models_answers_names_and_count() {
        JsonNode out = handler.handle(Requests.operation("list_models")).get("output");
        assertThat(fieldNames(out)).containsExactly("models", "count");
        assertThat(out.get("models").toString()).isEqualTo("[\"alice\",\"slow_bob\"]");
        assertThat(out.get("count").asInt()).isEqualTo(2);
    }

    @Test
    void cover_answers_the_seeds_fields_and_echoes_the_seeds_parameters() {
        ObjectNode input = Requests.cover("alice");
        ObjectNode p = (ObjectNode) input.get("params");
        p.put("pitch_adjust", 3).put("index_rate", 0.75).put("filter_radius", 5).put("rms_mix_rate", 0.5)
                .put("protect", 0.2).put("f0_method", "harvest").put("crepe_hop_length", 64)
                .put("pitch_change_all", -2).put("reverb_rm_size", 0.3).put("reverb_wet", 0.1)
                .put("reverb_dry", 0.9).put("reverb_damping", 0.5).put("main_gain", 2).put("backup_gain", -1)
                .put("inst_gain", -3.5).put("output_format", "wav");

        JsonNode body = handler.handle(input);

        assertThat(fieldNames(body)).containsExactly("output");
        JsonNode out = body.get("output");
        assertThat(fieldNames(out)).containsExactly("success", "output_audio", "filename", "size", "model_used",
                "parameters");
        assertThat(out.get("success").asBoolean()).isTrue();
        assertThat(out.get("filename").asText()).isEqualTo("cover_alice.wav");
        assertThat(out.get("model_used").asText()).isEqualTo("alice");
        byte[] audio = Base64.getDecoder().decode(out.get("output_audio").asText());
        assertThat(out.get("size").asInt()).isEqualTo(audio.length);
        JsonNode echo = out.get("parameters");
        assertThat(fieldNames(echo)).containsExactlyElementsOf(SEED_COVER_ECHO);
        assertThat(echo.toString()).isEqualTo("{\"pitch_adjust\":3,\"index_rate\":0.75,\"filter_radius\":5,"
                + "\"rms_mix_rate\":0.5,\"protect\":0.2,\"f0_method\":\"harvest\",\"pitch_change_all\":-2,"
                + "\"reverb_rm_size\":0.3,\"reverb_wet\":0.1,\"reverb_dry\":0.9,\"reverb_damping\":0.5,"
                + "\"main_gain\":2,\"backup_gain\":-1,\"inst_gain\":-3.5,\"output_format\":\"wav\"}");
    }

    @Test
    void cover_without_optional_params_uses_aicovergens_defaults() {
        JsonNode out = handler.handle(Requests.cover("alice")).get("output");
        assertThat(out.get("filename").asText()).isEqualTo("cover_alice.mp3");
        assertThat(out.get("parameters").toString()).isEqualTo("{\"pitch_adjust\":0,\"index_rate\":0.5,"
                + "\"filter_radius\":3,\"rms_mix_rate\":0.25,\"protect\":0.33,\"f0_method\":\"rmvpe\","
                + "\"pitch_change_all\":0,\"reverb_rm_size\":0.15,\"reverb_wet\":0.2,\"reverb_dry\":0.8,"
                + "\"reverb_damping\":0.7,\"main_gain\":0,\"backup_gain\":0,\"inst_gain\":0,\"output_format\":\"mp3\"}");
    }

    @Test
    void cover_params_reach_the_use_case_with_pitch_in_semitones() {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).put("pitch_adjust", 3).put("pitch_change_all", 2).put("index_rate", 0.6)
                .put("f0_method", "crepe").put("crepe_hop_length", 64).put("filter_radius", 4).put("protect", 0.4)
                .put("rms_mix_rate", 0.1).put("reverb_wet", 0.4).put("main_gain", 2).put("inst_gain", -3);

        assertThat(handler.handle(input).has("output")).isTrue();

        ConversionParams c = test.conversions.peek();
        // rvc4j counts pitch_adjust in semitones: 3 + 2 = 5 semitones, not AICoverGen's 3 octaves x 12 + 2.
        assertThat(c.pitch()).isEqualTo(5);
        assertThat(c.indexRate()).isEqualTo(0.6);
        assertThat(c.f0Method().algorithms()).containsExactly(PitchAlgorithm.CREPE);
        assertThat(c.crepeHopLength()).isEqualTo(64);
        assertThat(c.filterRadius()).isEqualTo(4);
        assertThat(c.protect()).isEqualTo(0.4);
        assertThat(c.rmsMixRate()).isEqualTo(0.1);
        assertThat(test.reverbs.peek().wetLevel()).isEqualTo(0.4);
        assertThat(test.pitchShifts).containsExactly(2);
        List<Stem> stems = test.mixes.peek();
        assertThat(stems).extracting(Stem::gainDb)
                .containsExactly(MixGains.MAIN_BASE_DB + 2, MixGains.INSTRUMENTAL_BASE_DB - 3);
    }

    @Test
    void cover_output_audio_is_the_mix_the_use_case_made() {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).put("instrument_audio",
                Requests.b64(WavCodecDouble.sineWav(44_100, 1, 0.5, 0)));
        JsonNode out = handler.handle(input).get("output");

        AudioClip mix = new WavCodecDouble().decode(Base64.getDecoder().decode(out.get("output_audio").asText()),
                DecodeSpec.NATIVE);
        assertThat(mix.sampleRate()).isEqualTo(44_100);
        assertThat(mix.durationSeconds()).isCloseTo(0.5, within(1e-3));
        // Vocals: 0.5 peak, halved by the test converter, at AICoverGen's -4 dB; the instrumental is silent. The
        // tolerance covers linear resampling 16k -> 40k -> 44.1k of a 440 Hz sine and 16-bit rounding.
        double expected = 0.5 * TestEngine.CONVERTER_GAIN * Math.pow(10, MixGains.MAIN_BASE_DB / 20);
        assertThat((double) mix.peak()).isCloseTo(expected, within(0.005));
    }

    @Test
    void convert_voice_answers_in_the_seeds_style() {
        ObjectNode input = Requests.convert("alice");
        ((ObjectNode) input.get("params")).put("pitch_adjust", -12).put("output_format", "wav");
        JsonNode out = handler.handle(input).get("output");

        assertThat(fieldNames(out)).containsExactly("success", "output_audio", "filename", "size", "model_used",
                "parameters");
        assertThat(out.get("filename").asText()).isEqualTo("converted_alice.wav");
        assertThat(out.get("parameters").toString()).isEqualTo("{\"pitch_adjust\":-12,\"index_rate\":0.5,"
                + "\"filter_radius\":3,\"rms_mix_rate\":0.25,\"protect\":0.33,\"f0_method\":\"rmvpe\","
                + "\"output_format\":\"wav\"}");
        AudioClip converted = new WavCodecDouble().decode(
                Base64.getDecoder().decode(out.get("output_audio").asText()), DecodeSpec.NATIVE);
        assertThat(converted.sampleRate()).isEqualTo(TestEngine.MODEL_RATE);
        // 0.5 peak halved by the test converter; tolerance for 16-bit rounding and linear interpolation.
        assertThat((double) converted.peak()).isCloseTo(0.25, within(0.005));
        assertThat(test.conversions.peek().pitch()).isEqualTo(-12);
    }

    @Test
    void unknown_voice_model_is_the_seeds_voice_model_not_found() {
        String error = errorOf(Requests.cover("nobody"));
        assertThat(error).startsWith("Voice model not found").contains("nobody");
    }

    @Test
    void model_folder_without_a_pth_is_the_seeds_no_model_file_exists() {
        assertThat(errorOf(Requests.cover("empty"))).startsWith("No model file exists");
    }

    @Test
    void text_that_is_not_base64_is_the_seeds_invalid_base64_audio_data() {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).put("voice_audio", "this is not base64!");
        assertThat(errorOf(input)).startsWith("Invalid base64 audio data: voice_audio is not valid base64");
    }

    @Test
    void base64_that_is_not_audio_is_the_seeds_invalid_base64_audio_data() {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).put("instrument_audio", Requests.b64("hello, world".getBytes()));
        assertThat(errorOf(input)).startsWith("Invalid base64 audio data");
    }

    @Test
    void base64_with_line_breaks_and_a_data_url_prefix_is_accepted() {
        ObjectNode input = Requests.cover("alice");
        String mime = Base64.getMimeEncoder().encodeToString(Requests.VOCALS);
        ((ObjectNode) input.get("params")).put("voice_audio", "data:audio/wav;base64," + mime);
        assertThat(handler.handle(input).get("output").get("success").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pitch_adjust     | 25   | pitch_adjust: must be between -24 and 24, got 25",
        "pitch_adjust     | -25  | pitch_adjust: must be between -24 and 24, got -25",
        "index_rate       | 1.5  | index_rate: must be between 0 and 1, got 1.5",
        "filter_radius    | 8    | filter_radius: must be between 0 and 7, got 8",
        "rms_mix_rate     | -0.1 | rms_mix_rate: must be between 0 and 1, got -0.1",
        "protect          | 0.6  | protect: must be between 0 and 0.5, got 0.6",
        "crepe_hop_length | 16   | crepe_hop_length: must be between 32 and 320, got 16",
        "pitch_change_all | 13   | pitch_change_all: must be between -12 and 12, got 13",
        "reverb_rm_size   | 1.2  | reverb_rm_size: must be between 0 and 1, got 1.2",
        "reverb_wet       | -1   | reverb_wet: must be between 0 and 1, got -1",
        "reverb_dry       | 2    | reverb_dry: must be between 0 and 1, got 2",
        "reverb_damping   | 1.01 | reverb_damping: must be between 0 and 1, got 1.01",
        "main_gain        | 21   | main_gain: must be between -20 and 20, got 21",
        "backup_gain      | -21  | backup_gain: must be between -20 and 20, got -21",
        "inst_gain        | 20.5 | inst_gain: must be between -20 and 20, got 20.5",
    })
    void out_of_range_parameter_is_refused_with_its_range(String name, String value, String message) {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).set(name, Json.parse(value, "test value"));
        JsonNode body = handler.handle(input);
        assertThat(fieldNames(body)).containsExactly("error");
        assertThat(body.get("error").asText()).isEqualTo(message);
        assertThat(test.conversions).as("nothing was converted").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index_rate    | \"high\"  | index_rate: must be a number between 0 and 1, got \"high\"",
        "filter_radius | 2.5       | filter_radius: must be a whole number between 0 and 7, got 2.5",
        "f0_method     | \"yin\"   | f0_method: unknown pitch method 'yin'",
        "output_format | \"aac\"   | output_format: must be one of mp3, wav, flac, ogg, got 'aac'",
        "voice_model   | 7         | voice_model: must be a string, got NUMBER",
        "voice_model   | null      | voice_model: is required",
        "voice_audio   | null      | voice_audio: is required",
    })
    void malformed_parameter_is_refused_naming_it(String name, String value, String messageStart) {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).set(name, Json.parse(value, "test value"));
        assertThat(errorOf(input)).startsWith(messageStart);
    }

    @Test
    void an_error_thrown_by_a_native_library_is_answered_and_the_next_job_still_runs() {
        ObjectNode crash = Requests.convert("alice");
        ((ObjectNode) crash.get("params")).put("sid", TestEngine.NATIVE_CRASH_SID);
        assertThat(errorOf(crash)).isEqualTo("Internal error: UnsatisfiedLinkError: simulated native failure");
        assertThat(handler.handle(Requests.convert("alice")).get("output").get("success").asBoolean()).isTrue();
    }

    @Test
    void unknown_operation_lists_the_available_ones() {
        assertThat(errorOf(Requests.operation("make_coffee"))).isEqualTo("Unknown operation: make_coffee. Available"
                + " operations: health_check, list_models, generate_cover_from_separate_audio, convert_voice");
    }

    @Test
    void input_without_operation_is_a_cover_request_as_in_aicovergen() {
        ObjectNode input = Requests.cover("alice");
        input.remove("operation");
        assertThat(handler.handle(input).get("output").get("filename").asText()).isEqualTo("cover_alice.mp3");
    }

    @Test
    void input_that_is_not_an_object_is_an_error_not_a_crash() {
        assertThat(handler.handle(Json.parse("[1,2]", "test")).get("error").asText())
                .startsWith("input must be a JSON object");
        assertThat(handler.handle(null).get("error").asText()).startsWith("input must be a JSON object");
    }

    @Test
    void cover_without_params_says_what_is_required() {
        assertThat(errorOf(Requests.operation(JobHandler.GENERATE_COVER))).startsWith("params: is required");
    }

    private String errorOf(JsonNode input) {
        JsonNode body = handler.handle(input);
        assertThat(fieldNames(body)).containsExactly("error");
        return body.get("error").asText();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
