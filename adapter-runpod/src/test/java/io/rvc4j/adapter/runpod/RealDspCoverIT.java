package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.engine.Rvc;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cover operation over rvc-dsp's real FFmpeg codec, resampler and mixer (the neural ports are still in-test
 * doubles): what the seed's client gets back is a real MP3/WAV of the mix, and undecodable input is the seed's error.
 */
class RealDspCoverIT {
    @TempDir
    Path models;
    Rvc rvc;
    JobHandler handler;
    final FfmpegAudioCodec codec = new FfmpegAudioCodec();

    @BeforeEach
    void setUp() {
        rvc = TestEngine.withRealDsp(models).rvc();
        handler = new JobHandler(rvc);
    }

    @AfterEach
    void tearDown() {
        rvc.close();
    }

    private AudioClip decodedOutput(ObjectNode input) {
        JsonNode out = handler.handle(input).get("output");
        assertThat(out).as("an output, not an error").isNotNull();
        return codec.decode(Base64.getDecoder().decode(out.get("output_audio").asText()), DecodeSpec.NATIVE);
    }

    @Test
    void mp3_cover_is_a_stereo_cd_rate_file_as_long_as_the_stems() {
        AudioClip mix = decodedOutput(Requests.cover("alice"));
        assertThat(mix.sampleRate()).isEqualTo(44_100);
        assertThat(mix.channelCount()).isEqualTo(2);
        // Stems are 0.5 s; MP3 frames are 1152 samples, so allow one frame (26 ms) of padding either way.
        assertThat(mix.durationSeconds()).isCloseTo(0.5, within(0.027));
    }

    @Test
    void wav_cover_carries_the_instrumental_at_aicovergens_level_plus_inst_gain() {
        ObjectNode input = Requests.cover("alice");
        ObjectNode p = (ObjectNode) input.get("params");
        p.put("voice_audio", Requests.b64(WavCodecDouble.sineWav(16_000, 1, 0.5, 0))); // silent vocals
        p.put("output_format", "wav").put("inst_gain", 3);

        AudioClip mix = decodedOutput(input);

        assertThat(mix.frameCount()).isEqualTo(22_050);
        // Instrumental sine peak 0.5 at -7 + 3 dB; tolerance covers 16-bit WAV rounding (3e-5) and the sinc
        // resampler's passband ripple, far below the 1 dB (12 %) a wrong gain would cause.
        double expected = 0.5 * Math.pow(10, (MixGains.INSTRUMENTAL_BASE_DB + 3) / 20);
        assertThat((double) mix.peak()).isCloseTo(expected, within(0.005));
    }

    @Test
    void overall_pitch_change_keeps_the_length() {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).put("pitch_change_all", 5).put("output_format", "wav");
        assertThat(decodedOutput(input).frameCount()).isEqualTo(22_050);
    }

    @Test
    void bytes_ffmpeg_cannot_read_are_the_seeds_invalid_base64_audio_data() {
        ObjectNode input = Requests.cover("alice");
        ((ObjectNode) input.get("params")).put("voice_audio", Requests.b64(new byte[4096]));
        String error = handler.handle(input).get("error").asText();
        assertThat(error).startsWith("Invalid base64 audio data");
    }
}
