package io.rvc4j.engine.hubert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.engine.Fixtures;
import io.rvc4j.engine.io.TensorData;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real ContentVec / HuBERT-base shapes (conv 512, width 768, 12 layers of 12 heads, FFN 3072, pos conv k128 g16,
 * final_proj 256) with random weights made here: shapes, frame count and time on a 10 s input. No reference values
 * (the real checkpoint is not in the repository); numerical parity is covered by DjlContentEncoderParityTest.
 */
@Tag("slow")
class DjlContentEncoderFullSizeTest {

    @Test
    void encodes_ten_seconds_with_the_contentvec_architecture() {
        Map<String, TensorData> w = RandomContentVec.weights(7);
        try (NDManager manager = NDManager.newBaseManager();
                DjlContentEncoder enc = DjlContentEncoder.load(w, ContentEncoderConfig.contentVec(), manager)) {
            float[] audio = Fixtures.signal(160_000, 9);
            for (FeatureSet set : FeatureSet.values()) {
                try (NDManager call = manager.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray out = enc.encode(call.create(audio), set);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("ContentVec-size encoder, 10 s, %s: %.2f s on %s%n", set, seconds,
                            manager.getDevice());
                    assertThat(out.getShape().getShape()).containsExactly(499, set == FeatureSet.V1 ? 256 : 768);
                    assertThat(Float.isFinite(out.sum().getFloat())).isTrue();
                }
            }
        }
    }
}
