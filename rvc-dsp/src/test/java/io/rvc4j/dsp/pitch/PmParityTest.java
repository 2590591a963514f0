package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pm against Praat itself: Debian's Praat 6.3.07 run headless ({@code praat --run}) with RVC's {@code to_pitch_ac}
 * settings on the same 16 kHz signals as the Harvest parity; see src/test/resources/pitch/README.md and
 * tools/reference/pitch/make_pm_fixtures.sh.
 */
class PmParityTest {
    /**
     * Measured 2026-11-22: voicing identical on every frame of all 9 signals; relative f0 difference median at most
     * 1.7e-11 (tone220), largest 2.4e-7 (sweep, 0.0004 cents). The port does Praat's arithmetic; what is left is the
     * sinc interpolation / Brent refinement at rounding level. Bounds: 25x the largest measured error and a median that
     * still says "same arithmetic".
     */
    private static final double MAX_CENTS = 0.01;
    private static final double MAX_MEDIAN_CENTS = 1e-5;
    /** The extractor's track is float32 (PitchTrack): rounding alone is up to 2^-24 relative, 1e-4 cents. */
    private static final double MAX_MEDIAN_CENTS_FLOAT = 1e-3;
    private static final int RVC_HOP = 160;

    private final PraatPitch praat = new PraatPitch(PraatPitch.Settings.rvc());

    @ParameterizedTest
    @ValueSource(strings = {"tone220", "sweep", "sawsweep", "sawbend", "gaps", "speech_m", "speech_f", "speech_m_noisy",
        "vowels"})
    void matches_praat_to_pitch_ac_with_rvcs_settings_frame_for_frame(String name) {
        float[] audio = Fixtures.wav(name);
        double[] f0 = praat.estimate(Fixtures.toDouble(audio), 16000);
        double[] time = Fixtures.csvColumn("praat/" + name + ".csv", 0);
        double[] expected = Fixtures.csvColumn("praat/" + name + ".csv", 1);

        assertThat(f0).hasSize(expected.length);
        assertThat(praat.firstFrameTime(audio.length, 16000)).isCloseTo(time[0], within(1e-6));
        assertAgrees(expected, f0, MAX_MEDIAN_CENTS);
    }

    /** The extractor as RVC uses it: Praat's frames zero-padded to p_len = len // 160 with (p_len - n + 1) // 2 first. */
    @ParameterizedTest
    @ValueSource(strings = {"tone220", "gaps", "speech_m", "vowels"})
    void the_extractor_pads_praats_track_to_p_len_as_rvc_does(String name) {
        float[] audio = Fixtures.wav(name);
        double[] praatTrack = Fixtures.csvColumn("praat/" + name + ".csv", 1);
        int pLen = audio.length / RVC_HOP;
        int left = Math.floorDiv(pLen - praatTrack.length + 1, 2);
        double[] expected = new double[pLen];
        System.arraycopy(praatTrack, 0, expected, left, praatTrack.length);

        float[] f0 = new PmPitchExtractor().extract(audio,
                new PitchRequest(PitchMethod.single(PitchAlgorithm.PM), 3, RVC_HOP)).f0Hz();

        assertThat(left).as("the fixture exercises a non-trivial pad").isGreaterThan(0);
        assertThat(f0).hasSize(pLen);
        assertAgrees(expected, Fixtures.toDouble(f0), MAX_MEDIAN_CENTS_FLOAT);
    }

    private static void assertAgrees(double[] expected, double[] actual, double maxMedianCents) {
        double[] cents = new double[expected.length];
        int both = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i] > 0).as("voicing of frame " + i).isEqualTo(expected[i] > 0);
            if (expected[i] > 0) {
                cents[both++] = Math.abs(1200 * Math.log(actual[i] / expected[i]) / Math.log(2));
            }
        }
        double[] voiced = Arrays.copyOf(cents, both);
        Arrays.sort(voiced);
        assertThat(both).as("voiced frames").isGreaterThan(0);
        assertThat(voiced[both - 1]).as("largest error (cents)").isLessThanOrEqualTo(MAX_CENTS);
        assertThat(voiced[both / 2]).as("median error (cents)").isLessThanOrEqualTo(maxMedianCents);
    }
}
