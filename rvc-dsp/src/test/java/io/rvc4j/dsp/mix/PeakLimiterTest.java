package io.rvc4j.dsp.mix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PeakLimiterTest {
    private static final int RATE = 48000;

    /** Random stereo material with random loud bursts: no sample may pass the ceiling, whatever the burst shape. */
    @Test
    void never_lets_a_sample_past_the_ceiling() {
        PeakLimiter limiter = new PeakLimiter();
        Random r = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            float[][] x = new float[2][RATE];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < RATE; i++) {
                    x[c][i] = (float) (r.nextGaussian() * 0.2);
                }
            }
            for (int b = 0; b < 10; b++) {
                int at = r.nextInt(RATE - 1000);
                int len = 1 + r.nextInt(1000);
                float gain = 1 + 9 * r.nextFloat();
                for (int i = at; i < at + len; i++) {
                    x[r.nextInt(2)][i] *= gain;
                }
            }
            limiter.process(x, RATE);
            for (float[] ch : x) {
                for (float v : ch) {
                    assertThat(Math.abs(v)).isLessThanOrEqualTo((float) limiter.ceiling());
                }
            }
        }
    }

    @Test
    void leaves_material_under_the_ceiling_bit_identical() {
        float[][] x = new float[1][RATE];
        Random r = new Random(5);
        for (int i = 0; i < RATE; i++) {
            x[0][i] = (float) Math.max(-0.98, Math.min(0.98, r.nextGaussian() * 0.3));
        }
        float[] before = x[0].clone();
        new PeakLimiter().process(x, RATE);
        assertThat(x[0]).containsExactly(before);
    }

    /** The gain reaches the needed value at the peak itself and starts falling no earlier than the look-ahead. */
    @Test
    void ramps_down_within_the_lookahead_before_a_single_peak() {
        float[][] x = new float[1][RATE];
        java.util.Arrays.fill(x[0], 0.5f);
        x[0][RATE / 2] = 2f;
        new PeakLimiter().process(x, RATE);
        int look = (int) Math.round(PeakLimiter.DEFAULT_LOOKAHEAD_SECONDS * RATE);
        assertThat(x[0][RATE / 2 - look - 1]).isEqualTo(0.5f);
        assertThat(x[0][RATE / 2 - look / 2]).isLessThan(0.5f);
        // At the peak the gain is exactly ceiling / 2 (float rounding: 1e-6).
        assertThat((double) x[0][RATE / 2]).isCloseTo(Math.pow(10, -0.1 / 20), org.assertj.core.api.Assertions.within(1e-6));
    }
}
