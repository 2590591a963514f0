package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.dsp.pitch.PitchAccuracyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The accuracy table of docs/pitch.md for every method with real weights here: Harvest and PM (rvc-dsp) and the real
 * CREPE-tiny, on the same synthetic ground truth (rvc-dsp's PitchAccuracyReport). RMVPE and CREPE-full have only
 * random weights here, so their accuracy would mean nothing; their parity is tested elsewhere.
 */
@Tag("slow")
class PitchAccuracyAllMethodsTest {

    @Test
    void every_method_with_real_weights_is_accurate_on_synthetic_ground_truth() throws IOException {
        Path tiny = PitchFixtures.requireShared("models/crepe-tiny.pth");
        Map<String, PitchExtractor> methods = new LinkedHashMap<>(PitchAccuracyReport.dspExtractors());
        try (DjlCrepePitchExtractor crepe = new DjlCrepePitchExtractor(tiny)) {
            methods.put("crepe-tiny", crepe);
            List<PitchAccuracyReport.Row> rows = PitchAccuracyReport.table(methods);
            String md = PitchAccuracyReport.markdown(rows);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "pitch-accuracy-all.md"), md);
            System.out.print(md);
            for (PitchAccuracyReport.Row r : rows) {
                // Bounds well outside the measured figures (docs/pitch.md): they catch a broken method, not noise.
                assertThat(r.grossError()).as(r.method() + " " + r.condition()).isLessThan(0.05);
                assertThat(r.medianCents()).as(r.method() + " " + r.condition()).isLessThan(15);
            }
        }
    }
}
