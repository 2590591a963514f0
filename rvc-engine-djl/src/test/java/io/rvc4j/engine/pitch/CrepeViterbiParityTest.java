package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** torchcrepe 0.0.20's Viterbi decoding on activations it produced itself (committed fixtures; no weights needed). */
class CrepeViterbiParityTest {
    @Test
    void viterbi_decoding_matches_torchcrepe_on_its_own_activations() {
        for (String name : new String[] {"voiced", "noise"}) {
            float[] act = PitchFixtures.floats("crepe-" + name + "-activation.npy");
            float[] rawF0 = PitchFixtures.floats("crepe-" + name + "-raw-f0.npy");
            float[] rawPd = PitchFixtures.floats("crepe-" + name + "-raw-pd.npy");

            float[][] decoded = DjlCrepePitchExtractor.decode(act, rawF0.length, 512, CrepeDecoding.VITERBI);

            // Identical bins give identical Hz up to float32 pow rounding (1e-6 relative is < 0.002 cents).
            for (int t = 0; t < rawF0.length; t++) {
                assertThat(Math.abs(PitchFixtures.cents(decoded[0][t], rawF0[t]))).as(name + " frame " + t)
                        .isLessThan(0.01);
            }
            assertThat(decoded[1]).as(name).containsExactly(rawPd);
        }
    }
}
