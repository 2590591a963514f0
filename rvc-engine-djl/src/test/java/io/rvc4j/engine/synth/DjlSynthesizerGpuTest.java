package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The parity case on a GPU (run with {@code -Pgpu} and a CUDA build of the PyTorch natives): everything stays on
 * the device and the waveform still matches the CPU reference. Skipped where the engine sees no GPU.
 */
@Tag("gpu")
class DjlSynthesizerGpuTest {

    /** CUDA kernels (cuDNN conv algorithms, float cumsum in SineGen) round differently from the CPU reference. */
    private static final double MIN_SNR_DB = 60;

    @Test
    void matches_the_reference_on_the_gpu_with_every_tensor_on_the_device() {
        assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU visible to the PyTorch engine");
        SynthFixture fx = SynthFixture.load("v2-f0-40k-long");
        try (NDManager m = NDManager.newBaseManager(Device.gpu());
                DjlSynthesizer synth = DjlSynthesizer.load(fx.weights(), fx.config(), m)) {
            NDArray[] in = fx.inputs(m);
            try (SynthesisTrace t = synth.trace(in[0], in[1], in[2], fx.sid(), true)) {
                assertThat(t.audio().getDevice()).isEqualTo(Device.gpu());
                assertThat(t.har().getDevice()).isEqualTo(Device.gpu());
                assertThat(SynthFixture.maxAbsError(fx.floats("z"), t.z().toFloatArray())).isLessThanOrEqualTo(1e-4f);
                assertThat(SynthFixture.snrDb(fx.floats("audio"), t.audio().toFloatArray()))
                        .isGreaterThanOrEqualTo(MIN_SNR_DB);
            }
        }
    }
}
