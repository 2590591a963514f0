package io.rvc4j.engine.pitch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.port.out.PitchExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wall time per second of audio (the figures in docs/pitch.md). Full-size random weights are fine for speed; pass
 * them as {@code -Drvc4j.bench.rmvpe=...}, {@code -Drvc4j.bench.crepeFull=...}; CREPE-tiny comes from the shared
 * folder. Run: {@code mvn -o -pl rvc-engine-djl -am test -Dtest=PitchSpeedBench -Dtest.excludedGroups= ...}.
 */
@Tag("slow")
class PitchSpeedBench {
    private static final int SECONDS = 10;

    @Test
    void measures_seconds_of_compute_per_second_of_audio() {
        float[] audio = new float[SECONDS * 16_000];
        for (int i = 0; i < audio.length; i++) {
            double t = i / 16_000.0;
            double f = 220 * Math.pow(2, 0.3 * Math.sin(2 * Math.PI * 0.5 * t));
            audio[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * t) + 0.1 * Math.sin(4 * Math.PI * f * t));
        }
        String rmvpe = System.getProperty("rvc4j.bench.rmvpe");
        String crepeFull = System.getProperty("rvc4j.bench.crepeFull");
        var tiny = PitchFixtures.shared("models/crepe-tiny.pth");
        assumeTrue(rmvpe != null || crepeFull != null || tiny.isPresent(), "no weights to time");
        if (rmvpe != null && Files.exists(Path.of(rmvpe))) {
            time("rmvpe (E2E 4,1 full size)", new DjlRmvpePitchExtractor(Path.of(rmvpe)), audio, "rmvpe", 160, 3);
        }
        if (crepeFull != null && Files.exists(Path.of(crepeFull))) {
            time("crepe full hop 160", new DjlCrepePitchExtractor(Path.of(crepeFull)), audio, "crepe", 160, 1);
        }
        if (tiny.isPresent()) {
            try (var c = new DjlCrepePitchExtractor(tiny.get())) {
                c.activations(audio, 160);
                long t = System.nanoTime();
                float[] act = c.activations(audio, 160);
                long net = System.nanoTime() - t;
                t = System.nanoTime();
                DjlCrepePitchExtractor.decode(act, act.length / 360, 512, CrepeDecoding.VITERBI_LOCAL_AVERAGE);
                long dec = System.nanoTime() - t;
                System.out.printf("crepe-tiny breakdown: network %.3f s, decoding %.3f s for %d s of audio%n",
                        net / 1e9, dec / 1e9, SECONDS);
            }
            time("crepe-tiny hop 160", new DjlCrepePitchExtractor(tiny.get()), audio, "crepe-tiny", 160, 3);
            time("crepe-tiny hop 128", new DjlCrepePitchExtractor(tiny.get()), audio, "crepe-tiny", 128, 3);
        }
    }

    private static void time(String name, PitchExtractor e, float[] audio, String method, int hop, int runs) {
        PitchRequest request = new PitchRequest(PitchMethod.parse(method), 3, hop);
        long t0 = System.nanoTime();
        e.extract(audio, request); // first call: loads the weights
        long first = System.nanoTime() - t0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            e.extract(audio, request);
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("%s: first call %.2f s; best of %d: %.3f s for %d s of audio = %.3f s per second%n", name,
                first / 1e9, runs, best / 1e9, SECONDS, best / 1e9 / SECONDS);
        if (e instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
