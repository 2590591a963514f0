package io.rvc4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

class CoverValuesTest {

    @Test
    void reverb_defaults_are_aicovergens() {
        assertThat(ReverbParams.defaults()).isEqualTo(new ReverbParams(0.15, 0.2, 0.8, 0.7));
    }

    @Test
    void rejects_each_reverb_value_outside_zero_to_one() {
        assertThatThrownBy(() -> new ReverbParams(1.1, 0.2, 0.8, 0.7)).hasMessageStartingWith("reverb_rm_size:");
        assertThatThrownBy(() -> new ReverbParams(0.1, -0.2, 0.8, 0.7)).hasMessageStartingWith("reverb_wet:");
        assertThatThrownBy(() -> new ReverbParams(0.1, 0.2, 1.8, 0.7)).hasMessageStartingWith("reverb_dry:");
        assertThatThrownBy(() -> new ReverbParams(0.1, 0.2, 0.8, 7)).hasMessageStartingWith("reverb_damping:")
                .hasMessageContaining("between 0 and 1, got 7");
    }

    @Test
    void rejects_gains_outside_aicovergens_ui_range() {
        assertThatThrownBy(() -> new MixGains(21, 0, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("main_gain: must be between -20 and 20, got 21");
        assertThatThrownBy(() -> new MixGains(0, -20.5, 0)).hasMessageStartingWith("backup_gain:");
        assertThatThrownBy(() -> new MixGains(0, 0, 30)).hasMessageStartingWith("inst_gain:");
    }

    @Test
    void rejects_pitch_change_all_beyond_an_octave() {
        CoverParams d = CoverParams.defaults();
        assertThatThrownBy(() -> new CoverParams(d.conversion(), 13, d.reverb(), d.gains(), d.outputFormat(),
                d.peakPolicy())).hasMessage("pitch_change_all: must be an integer between -12 and 12, got 13");
    }

    @Test
    void the_vocal_key_adds_the_overall_shift_as_aicovergen_does() {
        CoverParams d = CoverParams.defaults();
        CoverParams p = new CoverParams(d.conversion().toBuilder().pitch(-3).build(), 2, d.reverb(), d.gains(),
                OutputFormat.WAV, PeakPolicy.CLIP);
        assertThat(p.vocalKey()).isEqualTo(-1);
    }

    @Test
    void parses_output_formats_and_rejects_others() {
        assertThat(OutputFormat.parse("MP3")).isEqualTo(OutputFormat.MP3);
        assertThat(OutputFormat.parse(".wav")).isEqualTo(OutputFormat.WAV);
        assertThat(OutputFormat.fromFileName("song.Flac")).contains(OutputFormat.FLAC);
        assertThat(OutputFormat.fromFileName("song")).isEmpty();
        assertThatThrownBy(() -> OutputFormat.parse("aiff"))
                .hasMessage("output_format: must be one of mp3, wav, flac, ogg, got 'aiff'");
    }
}
