package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.PitchTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HybridPitchTest {
    private static PitchTrack track(float... f0) {
        return PitchTrack.of(f0, PitchTrack.RVC_FRAME_RATE);
    }

    private static List<PitchTrack> fixtureTracks(int n) {
        List<PitchTrack> tracks = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            tracks.add(PitchTrack.of(toFloat(Fixtures.csvColumn("median/hybrid" + n + ".csv", k)), 100));
        }
        return tracks;
    }

    /**
     * numpy.nanmedian across 2..5 tracks of 200 frames with unvoiced zeros, ties and NaN values (fixture from
     * make_median_fixtures.py, as AICoverGen's get_f0_hybrid_computation); exact: the median of an even count is the
     * mean of two floats taken in double and rounded to float, as numpy's float64 result cast to float32.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void without_a_weight_the_hybrid_is_numpys_nanmedian_exactly(int n) {
        List<PitchTrack> tracks = fixtureTracks(n);
        float[] expected = toFloat(Fixtures.csvColumn("median/hybrid" + n + ".csv", n));
        assertThat(HybridPitch.median(tracks).f0Hz()).containsExactly(expected);
        assertThat(HybridPitch.combine(tracks, OptionalDouble.empty()).f0Hz()).containsExactly(expected);
        assertThat(HybridPitch.combine(tracks, 1.0 / n).f0Hz()).containsExactly(expected);
    }

    @Test
    void two_methods_without_a_weight_give_their_mean_so_a_voicing_disagreement_halves_the_f0() {
        List<PitchTrack> tracks = List.of(track(100, 0, 300, 0), track(200, 150, 100, 0));
        assertThat(HybridPitch.combine(tracks, OptionalDouble.empty()).f0Hz()).containsExactly(150, 75, 200, 0);
    }

    @Test
    void nan_values_take_no_part_and_an_all_nan_frame_is_unvoiced() {
        float nan = Float.NaN;
        List<PitchTrack> tracks = List.of(track(nan, nan, 100), track(200, nan, 0), track(300, nan, 400));
        assertThat(HybridPitch.median(tracks).f0Hz()).containsExactly(250, 0, 100);
    }

    @Test
    void with_an_explicit_weight_two_methods_follow_the_heavier_one_and_average_at_one_half() {
        List<PitchTrack> tracks = List.of(track(100, 0, 300), track(200, 150, 100));
        assertThat(HybridPitch.combine(tracks, OptionalDouble.of(0.7)).f0Hz()).containsExactly(100, 0, 300);
        assertThat(HybridPitch.combine(tracks, OptionalDouble.of(0.33)).f0Hz()).containsExactly(200, 150, 100);
        assertThat(HybridPitch.combine(tracks, OptionalDouble.of(0.5)).f0Hz()).containsExactly(150, 75, 200);
    }

    @Test
    void an_explicit_weight_between_a_quarter_and_a_half_gives_three_methods_their_plain_median() {
        List<PitchTrack> tracks = List.of(track(100, 0, 500), track(200, 110, 0), track(300, 120, 400));
        assertThat(HybridPitch.combine(tracks, 0.33).f0Hz()).containsExactly(200, 110, 400);
    }

    @Test
    void an_explicit_weight_of_one_third_is_not_the_median_of_four_methods() {
        // weights 0.33, 0.2233 x 3: the first method's value reaches half the weight on its own when second-lowest
        List<PitchTrack> tracks = List.of(track(200), track(100), track(300), track(400));
        assertThat(HybridPitch.combine(tracks, 0.33).f0Hz()).containsExactly(200);
        assertThat(HybridPitch.median(tracks).f0Hz()).containsExactly(250);
    }

    @Test
    void a_heavy_first_method_wins_over_two_others() {
        List<PitchTrack> tracks = List.of(track(100), track(200), track(300));
        assertThat(HybridPitch.combine(tracks, 0.6).f0Hz()).containsExactly(100);
    }

    @Test
    void rejects_tracks_of_different_length_and_bad_weights() {
        assertThatThrownBy(() -> HybridPitch.median(List.of(track(1, 2), track(1))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("track 2 has 1 frames");
        assertThatThrownBy(() -> HybridPitch.combine(List.of(track(1), track(2)), 1.5))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> HybridPitch.weightedMedian(List.of(track(1)), new double[] {0}))
                .isInstanceOf(InvalidParameterException.class);
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
