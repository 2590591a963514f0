package io.rvc4j.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.F0Curve;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.dsp.filter.Butterworth;
import io.rvc4j.dsp.filter.FiltFilt;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DSP steps of the pipeline on hand-made inputs with values computed by numpy / torch. */
class PipelineStepsTest {

    @Test
    void quantises_coarse_pitch_exactly_like_numpy() {
        // numpy: rint of the mel scale, clip 1..255, unvoiced 1 (values printed by numpy 2.4)
        float[] f0 = {0, 49, 50, 51, 100, 220, 440, 1099, 1100, 2000};
        int[] expected = {1, 1, 1, 1, 20, 60, 122, 255, 255, 255};
        for (int i = 0; i < f0.length; i++) {
            assertThat(PitchConditioning.coarse(f0[i])).as("f0 %s", f0[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void shifts_by_semitones_then_overrides_without_transposing_the_f0_file() {
        float[] track = new float[400];
        java.util.Arrays.fill(track, 200f);
        F0Curve curve = F0Curve.of(new float[] {0.5f, 1.0f}, new float[] {100f, 300f});
        FramePitch p = PitchConditioning.condition(PitchTrack.of(track, 100), 390, 12, Optional.of(curve));
        assertThat(p.hz()).hasSize(390);
        assertThat(p.hz()[0]).isEqualTo(400f);
        // delta_t = round(0.5 * 100 + 1) = 51 frames from frame 100 (x_pad 1 s), index k from 0 whatever min t is:
        // k < 50 clamps to the first value, k = 50 is the first point
        assertThat(p.hz()[100]).isEqualTo(100f);
        assertThat(p.hz()[150]).isEqualTo(100f);
        assertThat(p.hz()[151]).isEqualTo(400f);
    }

    @Test
    void rejects_a_track_not_at_100_frames_per_second() {
        assertThatThrownBy(() -> PitchConditioning.condition(PitchTrack.of(new float[10], 50), 10, 0,
                Optional.empty())).isInstanceOf(InvalidParameterException.class).hasMessageContaining("100");
    }

    @Test
    void rejects_an_empty_track_for_a_pitch_guided_model() {
        assertThatThrownBy(() -> PitchConditioning.condition(PitchTrack.none(), 10, 0, Optional.empty()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("needs an f0 track");
    }

    @Test
    void rejects_a_track_with_nan_or_negative_f0() {
        assertThatThrownBy(() -> PitchConditioning.condition(PitchTrack.of(new float[] {100, Float.NaN}, 100), 2, 0,
                Optional.empty())).isInstanceOf(InvalidParameterException.class).hasMessageContaining("frame 1");
        assertThatThrownBy(() -> PitchConditioning.condition(PitchTrack.of(new float[] {-5}, 100), 1, 0,
                Optional.empty())).isInstanceOf(InvalidParameterException.class).hasMessageContaining("frame 0");
    }

    @Test
    void pads_by_reflection_like_numpy_also_beyond_the_signal_length() {
        // np.pad(np.arange(5), 7, mode="reflect")
        int[] expected = {1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3};
        for (int i = 0; i < expected.length; i++) {
            assertThat(AudioConditioner.reflect(i - 7, 5)).isEqualTo(expected[i]);
        }
    }

    @Test
    void guards_the_peak_at_095_before_the_high_pass() {
        float[] loud = new float[4000];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = (float) (1.9 * Math.sin(i * 0.05));
        }
        PreparedAudio p = new AudioConditioner().prepare(loud);
        double[] scaled = new double[loud.length];
        float peak = 0;
        for (float v : loud) {
            peak = Math.max(peak, Math.abs(v));
        }
        float scale = peak / 0.95f;
        for (int i = 0; i < loud.length; i++) {
            scaled[i] = loud[i] / scale;
        }
        double[] expected = new FiltFilt(Butterworth.rvcHighPass()).apply(scaled);
        float[] got = p.filtered();
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).isCloseTo(expected[i], within(1e-6));
        }
        assertThat(p.padded()).hasSize(loud.length + 2 * 16_000);
        assertThat(p.padded()[16_000 - 1]).isEqualTo(got[1]);
    }

    @Test
    void rejects_audio_too_short_to_filter() {
        assertThatThrownBy(() -> new AudioConditioner().prepare(new float[18]))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("18 samples");
    }

    @Test
    void splits_only_inputs_longer_than_x_max_and_cuts_at_the_quietest_point() {
        // len + 160 > 41 s: 655_840 samples stay whole, one more splits
        assertThat(QuietSplitter.cuts(new float[655_840])).isEmpty();
        float[] x = new float[655_841];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7 - 3) * 0.1f;
        }
        int quiet = 36 * 16_000;
        for (int i = quiet; i < quiet + 800; i++) {
            x[i] = 0;
        }
        List<Integer> cuts = QuietSplitter.cuts(x);
        assertThat(cuts).hasSize(1);
        // the 160-sample window centred on the cut lies wholly in the silence
        assertThat(cuts.get(0)).isBetween(quiet + 80, quiet + 800 - 80);
    }

    @Test
    void finishes_to_int16_with_truncation_and_peak_normalisation() {
        float[] quiet = OutputFinisher.finishInt16(new float[] {0.5f, -0.3f, 0.99f});
        assertThat(quiet[0]).isEqualTo(0.5f);
        // -0.3 * 32768 = -9830.4 truncates toward zero to -9830
        assertThat(quiet[1]).isEqualTo(-9830 / 32768f);
        float[] loud = OutputFinisher.finishInt16(new float[] {1.98f, -0.5f});
        // peak 1.98 -> scale 32768 / 2 -> 32440.32 truncates to 32440
        assertThat(loud[0]).isEqualTo(32440 / 32768f);
        assertThat(loud[1]).isEqualTo(-8192 / 32768f);
    }

    @Test
    void computes_librosa_rms_with_zero_padding_and_torch_linear_interpolation() {
        float[] ones = new float[16_000];
        java.util.Arrays.fill(ones, 1f);
        double[] r = OutputFinisher.rms(ones, 16_000);
        assertThat(r).hasSize(3);
        assertThat(r[0]).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(r[1]).isCloseTo(1.0, within(1e-12));
        // torch F.interpolate([0, 1], size=4, mode="linear"): source positions -0.25 (clamped), 0.25, 0.75, 1.25
        assertThat(OutputFinisher.interpolate(new double[] {0, 1}, 4)).containsExactly(0, 0.25, 0.75, 1.0);
    }

    @Test
    void leaves_the_output_unchanged_at_rms_mix_rate_one() {
        float[] out = {0.1f, -0.2f, 0.3f};
        OutputFinisher.mixRms(new float[16_000], out, 32_000, 1.0);
        assertThat(out).containsExactly(0.1f, -0.2f, 0.3f);
    }
}
