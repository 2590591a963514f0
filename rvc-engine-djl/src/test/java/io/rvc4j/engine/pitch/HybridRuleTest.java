package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.dsp.pitch.HybridPitch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hybrid rule the composite extractor relies on (rvc-dsp's HybridPitch), in the cases the engine depends on. */
class HybridRuleTest {
    private static List<PitchTrack> tracks(float... firstFrames) {
        return Arrays.asList(toTracks(firstFrames));
    }

    private static PitchTrack[] toTracks(float[] values) {
        PitchTrack[] out = new PitchTrack[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = PitchTrack.of(new float[] {values[i]}, PitchTrack.RVC_FRAME_RATE);
        }
        return out;
    }

    @Test
    void equal_weights_reproduce_numpy_median_for_four_tracks() {
        assertThat(HybridPitch.combine(tracks(1, 4, 2, 3), 0.25).f0Hz()).containsExactly(2.5f);
        assertThat(HybridPitch.combine(tracks(1, 4, 2, 3), java.util.OptionalDouble.empty()).f0Hz())
                .containsExactly(2.5f);
    }

    @Test
    void weights_split_the_rest_equally() {
        assertThat(HybridPitch.weights(3, 0.4)).containsExactly(0.4, 0.3, 0.3);
    }

    @Test
    void a_zero_weight_first_method_is_ignored() {
        // weights 0, 0.5, 0.5: the median of {100, 200} is their mean
        assertThat(HybridPitch.combine(tracks(150, 100, 200), 0).f0Hz()).containsExactly(150f);
        assertThat(HybridPitch.combine(tracks(120, 100, 200), 0).f0Hz()).containsExactly(150f);
    }
}
