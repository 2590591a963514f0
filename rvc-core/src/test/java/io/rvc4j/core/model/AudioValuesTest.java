package io.rvc4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

class AudioValuesTest {

    @Test
    void a_clip_owns_a_copy_of_its_samples() {
        float[] samples = {0.1f, 0.2f};
        AudioClip clip = AudioClip.mono(16_000, samples);
        samples[0] = 9f;
        clip.channel(0)[1] = 9f;
        assertThat(clip.channel(0)).containsExactly(0.1f, 0.2f);
    }

    @Test
    void mixes_down_by_averaging_channels() {
        AudioClip clip = AudioClip.of(44_100, new float[] {1f, 0f}, new float[] {0f, -1f});
        assertThat(clip.monoSamples()).containsExactly(0.5f, -0.5f);
        assertThat(clip.peak()).isEqualTo(1f);
        assertThat(clip.durationSeconds()).isCloseTo(2.0 / 44_100, within(1e-12));
    }

    @Test
    void rejects_channels_of_unequal_length_and_bad_rates() {
        assertThatThrownBy(() -> AudioClip.of(16_000, new float[2], new float[3]))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("channel 1 has 3 samples");
        assertThatThrownBy(() -> AudioClip.mono(0, new float[1])).isInstanceOf(InvalidAudioException.class)
                .hasMessageContaining("sample rate");
    }

    @Test
    void reads_an_rvc_f0_file_with_or_without_header() {
        F0Curve curve = F0Curve.parse("time_s,f0_hz\n0.00,110.5\n0.01, 0\n\n0.02 220\n");
        assertThat(curve.size()).isEqualTo(3);
        assertThat(curve.timesSeconds()).containsExactly(0f, 0.01f, 0.02f);
        assertThat(curve.f0Hz()).containsExactly(110.5f, 0f, 220f);
    }

    @Test
    void rejects_a_malformed_f0_file_naming_the_line() {
        assertThatThrownBy(() -> F0Curve.parse("0,100\n0.01,abc")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> F0Curve.parse("0,100,3")).hasMessageContaining("line 1 must be 'time,f0'");
        assertThatThrownBy(() -> F0Curve.parse("0,-5")).hasMessageContaining("f0 >= 0");
    }

    @Test
    void stream_defaults_give_half_second_blocks_and_reject_tiny_ones() {
        StreamSettings s = StreamSettings.defaults(48_000);
        assertThat(s.blockFrames()).isEqualTo(24_000);
        assertThat(s.crossfadeFrames()).isEqualTo(2_400);
        assertThatThrownBy(() -> new StreamSettings(16_000, 10, 0, 0, 0, -60)).hasMessageStartingWith("block_size:");
    }

    @Test
    void a_pitch_track_reports_its_voiced_fraction() {
        PitchTrack t = PitchTrack.of(new float[] {0, 100, 200, 0}, PitchTrack.RVC_FRAME_RATE);
        assertThat(t.voicedFraction()).isEqualTo(0.5);
        assertThat(PitchTrack.none().frameCount()).isZero();
    }
}
