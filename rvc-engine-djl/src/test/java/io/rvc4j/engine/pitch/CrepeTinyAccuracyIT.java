package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real CREPE-tiny on signals of known f0: sox tones (exact) and espeak-ng vowels (f0 from YIN). */
class CrepeTinyAccuracyIT {
    /** Issue 4's acceptance bound: the median error over voiced frames. */
    private static final double MAX_MEDIAN_CENTS = 10;
    /** Frames next to the signal's ends see the zero padding; they are not scored. */
    private static final int EDGE_FRAMES = 8;

    private static DjlCrepePitchExtractor crepe;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() {
        Path tiny = PitchFixtures.requireShared("models/crepe-tiny.pth");
        PitchFixtures.requireTool(TestAudio.has("sox") && TestAudio.has("espeak-ng"), "sox or espeak-ng");
        crepe = new DjlCrepePitchExtractor(tiny);
    }

    @AfterAll
    static void close() {
        if (crepe != null) {
            crepe.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} Hz at hop {2}")
    @CsvSource({"sine,110,160", "sine,220,160", "sine,440,160", "sine,880,160", "sawtooth,150,160",
            "square,260,160", "sine,220,128", "sawtooth,150,64", "sine,440,320"})
    void tracks_sox_tones_within_ten_cents(String wave, double hz, int hop) throws Exception {
        float[] audio = TestAudio.soxTone(dir, 1.5, wave, hz);

        float[] f0 = crepe.f0(audio, hop);

        double[] errors = new double[f0.length];
        int n = 0;
        int voiced = 0;
        for (int t = EDGE_FRAMES; t < f0.length - EDGE_FRAMES; t++) {
            if (f0[t] > 0) {
                errors[n++] = Math.abs(PitchFixtures.cents(f0[t], hz));
                voiced++;
            }
        }
        System.out.printf("%s %.0f Hz hop %d: %d voiced of %d scored, median %.2f cents%n", wave, hz, hop, voiced,
                f0.length - 2 * EDGE_FRAMES, TestAudio.median(errors, n));
        assertThat((double) voiced / (f0.length - 2 * EDGE_FRAMES)).as("voiced share").isGreaterThan(0.95);
        assertThat(TestAudio.median(errors, n)).as("median |cents|").isLessThanOrEqualTo(MAX_MEDIAN_CENTS);
    }

    /**
     * espeak-ng's f0 is not exactly known (its voices add jitter and intonation), so the reference is YIN, which
     * itself differs from librosa's pYIN by a median of 3-4 cents on these vowels. The 10-cent bound applies
     * to the pooled median over all cases; each case is held to 20 cents (measured per-case medians: 2-12 cents,
     * the largest on low male "aaaah", where YIN and CREPE disagree most; see docs/pitch.md).
     */
    @Test
    void tracks_espeak_vowels_within_ten_cents_of_yin_pooled() throws Exception {
        String[][] cases = {{"en", "40"}, {"en", "80"}, {"en+f3", "40"}, {"en+f3", "80"}};
        String[] vowels = {"aaaah", "eeee", "ooooh"};
        double[] pooled = new double[100_000];
        int total = 0;
        StringBuilder report = new StringBuilder();
        for (String[] c : cases) {
            for (String text : vowels) {
                float[] audio = TestAudio.espeak(dir, c[0], Integer.parseInt(c[1]), text);
                float[] f0 = crepe.f0(audio, 160);
                double[] reference = TestAudio.yin(audio, f0.length, 50, 1100);
                double[] errors = new double[f0.length];
                int n = 0;
                for (int t = 0; t < f0.length; t++) {
                    if (f0[t] > 0 && !Double.isNaN(reference[t])) {
                        errors[n++] = Math.abs(PitchFixtures.cents(f0[t], reference[t]));
                    }
                }
                System.arraycopy(errors, 0, pooled, total, n);
                total += n;
                double median = TestAudio.median(errors, n);
                report.append(String.format("%s -p %s %s: %d frames, median %.1f cents%n", c[0], c[1], text, n, median));
                assertThat(n).as(c[0] + " " + c[1] + " " + text + " frames voiced in both").isGreaterThan(10);
                assertThat(median).as(c[0] + " " + c[1] + " " + text + " median |cents|").isLessThanOrEqualTo(20);
            }
        }
        double pooledMedian = TestAudio.median(pooled, total);
        System.out.print(report.append(String.format("pooled: %d frames, median %.1f cents%n", total, pooledMedian)));
        assertThat(pooledMedian).as("pooled median |cents|").isLessThanOrEqualTo(MAX_MEDIAN_CENTS);
    }
}
