package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text encoder's relative attention computed in query blocks equals the one-block result: rows near the block
 * edges still see their whole relative window. (The one-block form is the one the parity fixtures check against
 * upstream; they are shorter than {@link DjlRelativeAttention#QUERY_BLOCK}.)
 */
class DjlRelativeAttentionBlockTest {

    @ParameterizedTest(name = "T={0}, block={1}")
    @CsvSource({"100, 7", "100, 10", "64, 63", "300, 256", "21, 1"})
    void query_blocks_give_the_whole_sequence_result(int t, int block) {
        SynthesizerConfig c = SynthesizerConfig.standard("v2", 40000, true);
        try (NDManager m = NDManager.newBaseManager()) {
            DjlWeights w = new DjlWeights(RandomSynthWeights.build(c, 2, 7), m);
            DjlRelativeAttention attn = new DjlRelativeAttention(w, "enc_p.encoder.attn_layers.0.",
                    c.hiddenChannels(), c.heads());
            m.getEngine().setRandomSeed(t);
            NDArray x = m.randomNormal(new Shape(1, c.hiddenChannels(), t));
            NDArray whole = attn.apply(x, Integer.MAX_VALUE);
            NDArray blocked = attn.apply(x, block);
            assertThat(blocked.getShape()).isEqualTo(new Shape(1, c.hiddenChannels(), t));
            float err = whole.sub(blocked).abs().max().getFloat();
            float scale = whole.abs().max().getFloat();
            assertThat(scale).isGreaterThan(0.1f);
            assertThat(err).as("max abs difference, output scale " + scale).isLessThanOrEqualTo(1e-5f * scale);
        }
    }
}
