package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.PitchTrack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HybridPitchTest {
    private static PitchTrack track(float... f0) {
        return PitchTrack.of(f0, PitchTrack.RVC_FRAME_RATE);
    }

    /** numpy.median across 2..5 tracks with zeros and ties (fixture from make_median_fixtures.py); exact. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5})
    void equal_weights_match_numpy_median_exactly(int n) {
        List<PitchTrack> tracks = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            tracks.add(PitchTrack.of(toFloat(Fixtures.csvColumn("median/hybrid" + n + ".csv", k)), 100));
        }
        float[] expected = toFloat(Fixtures.csvColumn("median/hybrid" + n + ".csv", n));
        assertThat(HybridPitch.median(tracks).f0Hz()).containsExactly(expected);
        assertThat(HybridPitch.combine(tracks, 1.0 / n).f0Hz()).containsExactly(expected);
    }

    @Test
    void two_methods_follow_the_heavier_one_and_average_at_one_half() {
        List<PitchTrack> tracks = List.of(track(100, 0, 300), track(200, 150, 100));
        assertThat(HybridPitch.combine(tracks, 0.7).f0Hz()).containsExactly(100, 0, 300);
        assertThat(HybridPitch.combine(tracks, 0.33).f0Hz()).containsExactly(200, 150, 100);
        assertThat(HybridPitch.combine(tracks, 0.5).f0Hz()).containsExactly(150, 75, 200);
    }

    @Test
    void three_methods_with_the_default_weight_give_the_plain_median() {
        List<PitchTrack> tracks = List.of(track(100, 0, 500), track(200, 110, 0), track(300, 120, 400));
        assertThat(HybridPitch.combine(tracks, 0.33).f0Hz()).containsExactly(200, 110, 400);
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
