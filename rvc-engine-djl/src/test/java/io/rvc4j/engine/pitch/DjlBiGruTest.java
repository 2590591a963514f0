package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two-unidirectional-GRUs-with-a-flip BiGRU against torch's nn.GRU(bidirectional=True) in RVC's RMVPE. */
class DjlBiGruTest {
    @ParameterizedTest
    @ValueSource(strings = {"voiced", "noise", "tone"})
    void matches_torch_bidirectional_gru(String name) {
        var path = PitchFixtures.resource("rmvpe-small.pt");
        TensorData features = PitchFixtures.npy("rmvpe-" + name + "-features.npy"); // [T32, 384], padded frames
        float[] expected = PitchFixtures.floats("rmvpe-" + name + "-gru.npy"); // [T32, 512]
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            var gru = new DjlBiGru(new StateDict(TorchCheckpoint.readStateDict(path), path.toString(), manager),
                    "fc.0.gru");
            long frames = features.shape()[0];

            float[] actual = gru.forward(manager,
                    manager.create(features.toFloatArray(), new Shape(1, frames, features.shape()[1]))).toFloatArray();

            System.out.printf("bigru %s: max %.3g%n", name, PitchFixtures.maxAbsDiff(actual, expected));
            // fp32 recurrences over up to 160 steps: torch and libtorch-through-DJL agree to ~1e-6 (tanh outputs in
            // [-1, 1]); 1e-5 leaves room for a different BLAS blocking
            assertThat(PitchFixtures.maxAbsDiff(actual, expected)).isLessThan(1e-5);
        }
    }
}
