package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.engine.io.TensorData;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real v2-40k architecture (192/768/6 layers, 512-channel NSF-HiFiGAN, the config RVC's training writes) with
 * random weights, on 10 s of features: proves memory and time at full size, which the tiny fixtures cannot. Tagged
 * slow: the default suite runs the same architecture on 10 s of audio through the whole converter
 * ({@code pipeline.FullSizeConversionTest}); this one adds the noisy path and the timing/RSS report.
 */
@Tag("slow")
class DjlSynthesizerFullSizeTest {

    /** 10 s of content features at 100 frames/s. */
    private static final int FRAMES = 1000;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident set of this JVM (Linux), for the report; "n/a" elsewhere. */
    private static String peakRss() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM n/a").replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            return "VmHWM n/a";
        }
    }

    @Test
    void converts_ten_seconds_with_the_full_size_v2_40k_architecture() {
        SynthesizerConfig config = SynthesizerConfig.standard("v2", 40000, true);
        long t0 = System.nanoTime();
        Map<String, TensorData> weights = RandomSynthWeights.build(config, 109, 42);
        try (NDManager m = NDManager.newBaseManager();
                DjlSynthesizer synth = DjlSynthesizer.load(weights, config, m)) {
            long t1 = System.nanoTime();
            NDArray phone = m.randomNormal(0, 0.5f, new Shape(1, FRAMES, 768), ai.djl.ndarray.types.DataType.FLOAT32);
            float[] f0 = new float[FRAMES];
            long[] coarse = new long[FRAMES];
            for (int i = 0; i < FRAMES; i++) {
                boolean voiced = i % 50 < 40;
                f0[i] = voiced ? (float) (180 + 40 * Math.sin(i / 30.0)) : 0f;
                coarse[i] = voiced ? 60 + i % 40 : 1;
            }
            NDArray pitch = m.create(coarse, new Shape(1, FRAMES));
            NDArray nsff0 = m.create(f0, new Shape(1, FRAMES));
            long t2 = System.nanoTime();
            long cpu0 = processCpuNanos();
            String rssBefore = peakRss();
            float[] audio;
            try (NDArray out = synth.infer(phone, pitch, nsff0, 0, false)) {
                assertThat(out.getShape()).isEqualTo(new Shape(1, 1, FRAMES * 400L));
                audio = out.toFloatArray();
            }
            long t3 = System.nanoTime();
            long cpu = processCpuNanos() - cpu0;
            // Wall time depends on what else the machine runs; process CPU time (all threads) does not.
            System.out.printf("FULLSIZE v2-40k: random weights + load %.1f s, infer %d frames: wall %.1f s,"
                    + " process CPU %.1f s; peak RSS before infer %s, after %s%n", (t1 - t0) / 1e9, FRAMES, (t3 - t2) / 1e9,
                    cpu / 1e9, rssBefore, peakRss());
            double sum = 0;
            for (float v : audio) {
                assertThat(v).isBetween(-1f, 1f); // tanh output, and no NaN
                sum += v * v;
            }
            assertThat(Math.sqrt(sum / audio.length)).as("waveform RMS").isGreaterThan(1e-3);
        }
    }
}
