package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HybridMedianTest {
    @Test
    void equal_weights_reproduce_numpy_median_for_four_tracks() {
        float[][] tracks = {{1}, {4}, {2}, {3}};

        float[] m = HybridMedian.combine(tracks, HybridMedian.weights(4, 0.25));

        assertThat(m).containsExactly(2.5f);
    }

    @Test
    void weights_split_the_rest_equally() {
        assertThat(HybridMedian.weights(3, 0.4)).containsExactly(0.4, 0.3, 0.3);
    }

    @Test
    void a_zero_weight_first_method_is_ignored() {
        float[][] tracks = {{150}, {100}, {200}};

        // weights 0, 0.5, 0.5: the median of {100, 200} is their mean
        assertThat(HybridMedian.combine(tracks, HybridMedian.weights(3, 0))).containsExactly(150f);
        float[][] between = {{120}, {100}, {200}};
        assertThat(HybridMedian.combine(between, HybridMedian.weights(3, 0))).containsExactly(150f);
    }
}
