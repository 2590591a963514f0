package io.rvc4j.engine.hubert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Attention computed in query blocks equals the whole-matrix form (softmax is row-wise). */
class BlockedAttentionTest {

    @ParameterizedTest(name = "T={0}, block={1}")
    @CsvSource({"600, 256", "513, 256", "257, 256", "100, 7", "1500, 256"})
    void query_blocks_give_the_whole_matrix_result(int t, int block) {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(t);
            NDArray q = m.randomNormal(new Shape(12, t, 64)).mul(0.3f);
            NDArray k = m.randomNormal(new Shape(12, 64, t));
            NDArray v = m.randomNormal(new Shape(12, t, 64));
            NDArray whole = q.matMul(k).softmax(-1).matMul(v);
            NDArray blocked = DjlTransformerLayer.attention(q, k, v, block);
            assertThat(blocked.getShape()).isEqualTo(whole.getShape());
            float err = whole.sub(blocked).abs().max().getFloat();
            assertThat(err).as("max abs difference").isLessThanOrEqualTo(1e-6f);
            // and the comparison can fail: dropping the last row block changes the result
            NDArray shifted = DjlTransformerLayer.attention(q, k.get(":, :, 1:"), v.get(":, 1:, :"), block);
            assertThat(whole.sub(shifted).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }
}
