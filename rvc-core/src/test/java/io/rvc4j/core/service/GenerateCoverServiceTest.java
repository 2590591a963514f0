package io.rvc4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.model.Stem;
import io.rvc4j.core.port.in.CoverResult;
import io.rvc4j.core.port.in.GenerateCoverCommand;
import io.rvc4j.core.port.in.StageListener;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerateCoverServiceTest {
    private final Fakes fakes = new Fakes();
    private final GenerateCoverService service = new GenerateCoverService(fakes.registry, fakes.codec,
            fakes.resampler, fakes.pitch, fakes.converter, fakes.mixer);

    private final ConversionParams conversion = ConversionParams.builder().pitch(-5).indexRate(0.7).filterRadius(2)
            .rmsMixRate(0.4).protect(0.2).crepeHopLength(96).speakerId(1).build();
    private final ReverbParams reverb = new ReverbParams(0.3, 0.4, 0.6, 0.5);

    private GenerateCoverCommand command(int pitchChangeAll, boolean withBackup) {
        CoverParams params = new CoverParams(conversion, pitchChangeAll, reverb, new MixGains(2, -3, 1.5),
                OutputFormat.MP3, PeakPolicy.CLIP);
        return new GenerateCoverCommand(ModelRef.named("alice"),
                AudioSource.encoded(Fakes.encodedClip(44_100, 2, 44_100), "vocals"),
                AudioSource.encoded(Fakes.encodedClip(44_100, 2, 88_200), "instrumental"),
                withBackup ? Optional.of(AudioSource.encoded(Fakes.encodedClip(44_100, 2, 44_100), "backup"))
                        : Optional.empty(),
                params);
    }

    @Test
    void runs_convert_then_vocal_effects_then_pitch_shift_then_mix_then_encode() {
        CoverResult result = service.generate(command(3, true));

        assertThat(fakes.calls).containsExactly(
                "registry.resolve alice",
                "codec.decode clip:44100:2:44100 as 16000/1",
                "codec.decode clip:44100:2:88200 as 0/0",
                "codec.decode clip:44100:2:44100 as 0/0",
                "converter.profile alice",
                "converter.prepare 16000",
                "pitch.extract rmvpe on 19200",
                "converter.convert alice with 120 f0 frames",
                "mixer.effects 40000 Hz",
                "mixer.pitchShift 3 on 2 ch",
                "mixer.pitchShift 3 on 2 ch",
                "mixer.mix 3 stems at 44100",
                "codec.encode mp3 44100 Hz");
        assertThat(result.fileName()).isEqualTo("cover_alice.mp3");
        assertThat(result.format()).isEqualTo(OutputFormat.MP3);
        assertThat(result.sampleRate()).isEqualTo(44_100);
    }

    @Test
    void reports_each_stage_in_order_just_before_the_port_calls_that_do_its_work() {
        StageListener listener = stage -> fakes.calls.add("stage " + stage.label());
        service.generate(command(3, true), listener);

        assertThat(fakes.calls).containsExactly(
                "registry.resolve alice",
                "stage decode",
                "codec.decode clip:44100:2:44100 as 16000/1",
                "codec.decode clip:44100:2:88200 as 0/0",
                "codec.decode clip:44100:2:44100 as 0/0",
                "converter.profile alice",
                "stage f0",
                "converter.prepare 16000",
                "pitch.extract rmvpe on 19200",
                "stage features, synthesis",
                "converter.convert alice with 120 f0 frames",
                "stage effects",
                "mixer.effects 40000 Hz",
                "stage pitch shift",
                "mixer.pitchShift 3 on 2 ch",
                "mixer.pitchShift 3 on 2 ch",
                "stage mix",
                "mixer.mix 3 stems at 44100",
                "stage encode",
                "codec.encode mp3 44100 Hz");
    }

    @Test
    void reports_no_pitch_shift_stage_when_nothing_is_shifted() {
        StageListener listener = stage -> fakes.calls.add("stage " + stage.label());
        service.generate(command(0, false), listener);
        assertThat(fakes.calls).filteredOn(c -> c.startsWith("stage ")).containsExactly("stage decode", "stage f0",
                "stage features, synthesis", "stage effects", "stage mix", "stage encode");
    }

    @Test
    void passes_every_parameter_through_unchanged_except_the_key_which_adds_the_overall_shift() {
        service.generate(command(3, true));

        assertThat(fakes.converter.params).hasSize(1);
        ConversionParams used = fakes.converter.params.get(0);
        assertThat(used).isEqualTo(conversion.toBuilder().pitch(-5 + 3).build());
        assertThat(fakes.mixer.reverb).isSameAs(reverb);
        assertThat(fakes.mixer.shifts).containsExactly(3, 3);
        assertThat(fakes.mixer.policy).isEqualTo(PeakPolicy.CLIP);
        assertThat(fakes.codec.encodedFormat).isEqualTo(OutputFormat.MP3);
    }

    @Test
    void mixes_at_aicovergens_base_levels_plus_the_user_gains() {
        service.generate(command(0, true));

        assertThat(fakes.mixer.stems).extracting(Stem::role).containsExactly(
                Stem.Role.MAIN_VOCALS, Stem.Role.BACKUP_VOCALS, Stem.Role.INSTRUMENTAL);
        assertThat(fakes.mixer.stems).extracting(Stem::gainDb).containsExactly(-4.0 + 2, -6.0 - 3, -7.0 + 1.5);
        assertThat(fakes.mixer.stems.get(0).audio().sampleRate()).isEqualTo(40_000);
        assertThat(fakes.mixer.stems.get(2).audio().frameCount()).isEqualTo(88_200);
    }

    @Test
    void does_not_shift_anything_when_the_overall_change_is_zero() {
        service.generate(command(0, true));
        assertThat(fakes.mixer.shifts).isEmpty();
        assertThat(fakes.converter.params.get(0).pitch()).isEqualTo(-5);
    }

    @Test
    void leaves_out_the_backup_stem_when_none_is_given() {
        service.generate(command(2, false));
        assertThat(fakes.mixer.stems).extracting(Stem::role).containsExactly(Stem.Role.MAIN_VOCALS,
                Stem.Role.INSTRUMENTAL);
        assertThat(fakes.mixer.shifts).containsExactly(2);
    }

    @Test
    void mixes_at_the_model_rate_when_it_is_above_cd_rate() {
        fakes.converter.modelRate = 48_000;
        service.generate(command(0, false));
        assertThat(fakes.mixer.mixRate).isEqualTo(48_000);
    }

    @Test
    void an_undecodable_instrumental_fails_before_the_voice_is_converted() {
        GenerateCoverCommand good = command(0, false);
        GenerateCoverCommand bad = new GenerateCoverCommand(good.model(), good.vocals(),
                AudioSource.encoded("garbage".getBytes(), "instrumental"), Optional.empty(), good.params());
        assertThatThrownBy(() -> service.generate(bad)).isInstanceOf(InvalidAudioException.class);
        assertThat(fakes.calls).noneMatch(c -> c.startsWith("converter."));
        assertThat(fakes.codec.decodeSpecs).containsExactly(DecodeSpec.RVC_INPUT, DecodeSpec.NATIVE);
    }
}
