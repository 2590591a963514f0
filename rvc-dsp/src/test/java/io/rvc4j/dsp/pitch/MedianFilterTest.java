package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedianFilterTest {
    /** scipy.signal.medfilt(f0, 3) on 300 values with zeros (fixture); a median selects values, so it is exact. */
    @Test
    void matches_scipy_medfilt_with_kernel_three() {
        float[] f0 = HybridPitchTest.toFloat(Fixtures.csvColumn("median/medfilt3.csv", 0));
        float[] expected = HybridPitchTest.toFloat(Fixtures.csvColumn("median/medfilt3.csv", 1));
        assertThat(MedianFilter.apply(f0, 3)).containsExactly(expected);
    }

    @Test
    void pads_the_edges_with_zeros_like_scipy() {
        assertThat(MedianFilter.apply(new float[] {5, 6, 7}, 3)).containsExactly(5, 6, 6);
    }
}
