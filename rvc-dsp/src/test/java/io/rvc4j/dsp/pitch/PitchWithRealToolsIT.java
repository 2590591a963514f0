package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Harvest and pm on audio made at test time by the Debian tools sox and espeak-ng (installed by .ci/run); skipped
 * where a tool is missing.
 */
class PitchWithRealToolsIT {
    @TempDir
    Path dir;

    private float[] run(List<String> command, Path wav) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return Fixtures.pcm16(Files.readAllBytes(wav));
    }

    private static PitchRequest request(String method) {
        return new PitchRequest(PitchMethod.parse(method), 3, 160);
    }

    /** A sox sawtooth at 233 Hz: both methods within 5 cents (median over voiced frames; sox's phase steps are exact). */
    @Test
    void finds_a_sox_sawtooth_within_five_cents() throws Exception {
        io.rvc4j.dsp.AudioTools.requireTool("sox");
        Path wav = dir.resolve("saw.wav");
        float[] x = run(List.of("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", wav.toString(), "synth", "2",
                "sawtooth", "233", "vol", "0.4"), wav);
        for (String method : new String[] {"harvest", "pm"}) {
            float[] f0 = method.equals("pm") ? new PmPitchExtractor().extract(x, request(method)).f0Hz()
                    : new HarvestPitchExtractor().extract(x, request(method)).f0Hz();
            double[] cents = voiced(f0, 233);
            assertThat(cents.length).as(method + " voiced frames").isGreaterThan(150);
            assertThat(cents[cents.length / 2]).as(method + " median cents").isLessThan(5);
        }
    }

    /** espeak-ng speech: harvest and pm agree within 3 % (median) where both are voiced, and on most frames' voicing. */
    @Test
    void harvest_and_pm_agree_on_espeak_speech() throws Exception {
        io.rvc4j.dsp.AudioTools.requireTool("espeak-ng");
        io.rvc4j.dsp.AudioTools.requireTool("sox");
        Path raw = dir.resolve("raw.wav");
        Path wav = dir.resolve("speech.wav");
        run(List.of("espeak-ng", "-v", "en", "-w", raw.toString(), "Pitch extraction should agree on this sentence."),
                raw);
        // -R: repeatable (fixed dither seed). Without it SoX dithers randomly and the voicing agreement varied from
        // run to run (0.796 seen once, under the bound); with it, it is 0.841 every time.
        float[] x = run(List.of("sox", "-R", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", wav.toString()),
                wav);
        float[] h = new HarvestPitchExtractor().extract(x, request("harvest")).f0Hz();
        float[] p = new PmPitchExtractor().extract(x, request("pm")).f0Hz();
        double[] expected = new double[h.length];
        double[] actual = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            expected[i] = h[i];
            actual[i] = p[i];
        }
        F0Agreement a = F0Agreement.of(expected, actual);
        // Two different algorithms: they differ at voicing edges, so only the bulk is asserted.
        assertThat(a.medianRelativeError()).isLessThan(0.03);
        assertThat(a.voicingAgreement()).isGreaterThan(0.8);
    }

    private static double[] voiced(float[] f0, double truth) {
        return Arrays.stream(toDouble(f0)).filter(v -> v > 0)
                .map(v -> Math.abs(1200 * Math.log(v / truth) / Math.log(2))).sorted().toArray();
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
