package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.model.PitchAlgorithm;
import org.junit.jupiter.api.Test;

class HarvestPitchExtractorTest {
    /**
     * RVC's harvest path on a WORLD fixture: StoneMask output, medfilt(3) when filter_radius >= 3, trimmed to p_len.
     * Tolerance 1e-4 relative: the track is float32 and the port agrees with WORLD to ~1e-14 (HarvestParityTest).
     */
    @Test
    void applies_rvc_median_filter_and_trims_to_p_len() {
        float[] x = Fixtures.wav("speech_f");
        double[] world = Fixtures.csvColumn("world/speech_f.csv", 2);
        float[] worldFloat = HybridPitchTest.toFloat(world);
        float[] filtered = MedianFilter.apply(worldFloat, 3);

        float[] on = new HarvestPitchExtractor().extract(x, PitchExtractorContractTest.request(PitchAlgorithm.HARVEST, 3))
                .f0Hz();
        float[] off = new HarvestPitchExtractor().extract(x, PitchExtractorContractTest.request(PitchAlgorithm.HARVEST, 2))
                .f0Hz();
        assertThat(world).hasSize(x.length / 160 + 1);
        assertThat(on).hasSize(x.length / 160);
        for (int i = 0; i < on.length; i++) {
            assertThat(on[i]).as("filtered frame %d", i).isCloseTo(filtered[i], org.assertj.core.data.Offset.offset(
                    1e-4f * filtered[i] + 1e-6f));
            assertThat(off[i]).as("raw frame %d", i).isCloseTo(worldFloat[i], org.assertj.core.data.Offset.offset(
                    1e-4f * worldFloat[i] + 1e-6f));
        }
        assertThat(on).isNotEqualTo(off);
    }
}
