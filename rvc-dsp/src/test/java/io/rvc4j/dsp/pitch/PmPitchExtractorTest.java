package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PmPitchExtractorTest {
    private static final PitchRequest PM = new PitchRequest(PitchMethod.single(PitchAlgorithm.PM), 3, 160,
            ConversionParams.DEFAULT_HYBRID_WEIGHT);

    /**
     * Boersma's method with sinc-interpolated peaks is accurate to well under a cent on stationary periodic signals;
     * "a few cents" is the brief's bound, we allow 2 cents on every fully voiced frame.
     */
    private static final double MAX_CENTS = 2.0;

    @ParameterizedTest
    @ValueSource(doubles = {55, 98, 220, 440, 880, 1046.5})
    void finds_harmonic_tones_within_two_cents(double hz) {
        Signals.Truth t = Signals.tone(s -> hz, 2.0, 0.5, 12, true);
        float[] f0 = new PmPitchExtractor().extract(t.samples(), PM).f0Hz();
        double[] truth = t.framesF0(f0.length);
        int checked = 0;
        for (int i = 0; i < f0.length; i++) {
            if (truth[i] > 0 && i >= 4 && i < f0.length - 4) {
                assertThat(f0[i]).as("frame %d", i).isPositive();
                assertThat(Math.abs(1200 * Math.log(f0[i] / truth[i]) / Math.log(2))).as("cents at frame %d", i)
                        .isLessThan(MAX_CENTS);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    @ParameterizedTest
    @ValueSource(doubles = {110, 330, 700})
    void finds_pure_sines_within_two_cents(double hz) {
        Signals.Truth t = Signals.sine(hz, 1.5, 0.4);
        float[] f0 = new PmPitchExtractor().extract(t.samples(), PM).f0Hz();
        double[] truth = t.framesF0(f0.length);
        for (int i = 4; i < f0.length - 4; i++) {
            if (truth[i] > 0) {
                assertThat(Math.abs(1200 * Math.log(f0[i] / truth[i]) / Math.log(2))).as("cents at frame %d", i)
                        .isLessThan(MAX_CENTS);
            }
        }
    }
}
