package io.rvc4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.in.ConversionResult;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.core.port.in.ExtractPitchCommand;
import io.rvc4j.core.port.in.StageListener;
import org.junit.jupiter.api.Test;

class ConvertVoiceServiceTest {
    private final Fakes fakes = new Fakes();
    private final ConvertVoiceService service = new ConvertVoiceService(fakes.registry, fakes.codec, fakes.resampler,
            fakes.pitch, fakes.converter);

    private static ConvertVoiceCommand command(String model, byte[] audio, ConversionParams params) {
        return new ConvertVoiceCommand(ModelRef.named(model), AudioSource.encoded(audio, "voice.wav"), params,
                OutputFormat.WAV);
    }

    @Test
    void converts_by_decoding_at_16k_preparing_extracting_pitch_converting_and_encoding_in_that_order() {
        ConversionParams params = ConversionParams.builder().pitch(7).indexRate(0.9).filterRadius(5).protect(0.1)
                .f0Method(PitchMethod.parse("hybrid[rmvpe+harvest]")).crepeHopLength(64).hybridWeight(0.6).build();

        ConversionResult result = service.convert(command("alice", Fakes.encodedClip(44_100, 2, 44_100), params));

        assertThat(fakes.calls).containsExactly(
                "registry.resolve alice",
                "codec.decode clip:44100:2:44100 as 16000/1",
                "converter.profile alice",
                "converter.prepare 16000",
                "pitch.extract hybrid[rmvpe+harvest] on 19200",
                "converter.convert alice with 120 f0 frames",
                "codec.encode wav 40000 Hz");
        assertThat(fakes.codec.decodeSpecs).containsExactly(DecodeSpec.RVC_INPUT);
        assertThat(fakes.pitch.requests).containsExactly(new PitchRequest(params.f0Method(), 5, 64, 0.6));
        assertThat(fakes.converter.params).containsExactly(params);
        assertThat(result.modelName()).isEqualTo("alice");
        assertThat(result.format()).isEqualTo(OutputFormat.WAV);
        assertThat(new String(result.encoded())).isEqualTo("encoded:wav:40000");
        assertThat(result.audio().sampleRate()).isEqualTo(40_000);
    }

    @Test
    void reports_each_stage_just_before_the_port_calls_that_do_its_work() {
        StageListener listener = stage -> fakes.calls.add("stage " + stage.label());
        service.convert(command("alice", Fakes.encodedClip(44_100, 2, 44_100), ConversionParams.defaults()),
                listener);

        assertThat(fakes.calls).containsExactly(
                "registry.resolve alice",
                "stage decode",
                "codec.decode clip:44100:2:44100 as 16000/1",
                "converter.profile alice",
                "stage f0",
                "converter.prepare 16000",
                "pitch.extract rmvpe on 19200",
                "stage features, synthesis",
                "converter.convert alice with 120 f0 frames",
                "stage encode",
                "codec.encode wav 40000 Hz");
    }

    @Test
    void reports_no_f0_stage_for_a_model_without_f0_and_decode_then_f0_for_a_pitch_track() {
        fakes.converter.pitchGuided = false;
        StageListener listener = stage -> fakes.calls.add("stage " + stage.label());
        service.convert(command("bob", Fakes.encodedClip(16_000, 1, 16_000), ConversionParams.defaults()), listener);
        assertThat(fakes.calls).filteredOn(c -> c.startsWith("stage ")).containsExactly("stage decode",
                "stage features, synthesis", "stage encode");

        fakes.calls.clear();
        service.extractPitch(new ExtractPitchCommand(AudioSource.encoded(Fakes.encodedClip(16_000, 1, 16_000), "v"),
                PitchRequest.from(ConversionParams.defaults())), listener);
        assertThat(fakes.calls).filteredOn(c -> c.startsWith("stage ")).containsExactly("stage decode", "stage f0");
    }

    @Test
    void the_pitch_extractor_sees_the_padded_signal_that_the_converter_prepared() {
        service.convert(command("alice", Fakes.encodedClip(16_000, 1, 8_000), ConversionParams.defaults()));
        assertThat(fakes.pitch.lastAudio).hasSize(8_000 + 2 * Fakes.Converter.PAD);
        assertThat(fakes.converter.tracks.get(0).frameCount()).isEqualTo((8_000 + 2 * Fakes.Converter.PAD) / 160);
    }

    @Test
    void skips_pitch_extraction_for_a_model_without_f0() {
        fakes.converter.pitchGuided = false;
        service.convert(command("bob", Fakes.encodedClip(16_000, 1, 16_000), ConversionParams.defaults()));
        assertThat(fakes.calls).noneMatch(c -> c.startsWith("pitch."));
        assertThat(fakes.converter.tracks.get(0).frameCount()).isZero();
    }

    @Test
    void resamples_an_already_decoded_clip_to_16k_mono() {
        AudioClip clip = AudioClip.of(48_000, new float[48_000], new float[48_000]);
        service.convert(new ConvertVoiceCommand(ModelRef.named("alice"), AudioSource.decoded(clip, "mic"),
                ConversionParams.defaults(), OutputFormat.MP3));
        assertThat(fakes.calls).contains("resample 48000->16000").doesNotContain("codec.decode");
        assertThat(fakes.converter.preparedInputs.get(0)).hasSize(16_000);
    }

    @Test
    void an_unknown_model_fails_before_any_audio_work() {
        assertThatThrownBy(() -> service.convert(command("carol", Fakes.encodedClip(16_000, 1, 100),
                ConversionParams.defaults()))).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("carol");
        assertThat(fakes.calls).containsExactly("registry.resolve carol");
    }

    @Test
    void empty_audio_is_rejected_naming_its_source() {
        assertThatThrownBy(() -> service.convert(command("alice", Fakes.encodedClip(16_000, 1, 0),
                ConversionParams.defaults()))).isInstanceOf(InvalidAudioException.class)
                .hasMessage("voice.wav: the audio is empty (0 samples)");
        assertThat(fakes.calls).noneMatch(c -> c.startsWith("converter.convert"));
    }

    @Test
    void extracts_pitch_with_frame_zero_at_time_zero() {
        PitchTrack track = service.extractPitch(new ExtractPitchCommand(
                AudioSource.encoded(Fakes.encodedClip(16_000, 1, 16_000), "in.wav"),
                PitchRequest.from(ConversionParams.defaults())));
        // The fake extractor writes the padded frame index as f0: the first kept frame is PAD / 160.
        assertThat(track.frameCount()).isEqualTo(100);
        assertThat(track.at(0)).isEqualTo(Fakes.Converter.PAD / 160f);
        assertThat(track.at(99)).isEqualTo(Fakes.Converter.PAD / 160f + 99);
    }
}
