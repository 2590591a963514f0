package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Writes the accuracy table to target/pitch-accuracy.md and checks the figures docs/pitch.md reports still hold. */
@Tag("slow")
class PitchAccuracyReportTest {
    @Test
    void harvest_and_pm_stay_accurate_on_synthetic_ground_truth() throws IOException {
        List<PitchAccuracyReport.Row> rows = PitchAccuracyReport.table(PitchAccuracyReport.dspExtractors());
        String md = PitchAccuracyReport.markdown(rows);
        Files.writeString(Path.of("target", "pitch-accuracy.md"), md);
        System.out.print(md);
        for (PitchAccuracyReport.Row r : rows.stream().filter(r -> r.condition().startsWith("all")).toList()) {
            // Pooled rows only (a group can be empty of voiced frames, e.g. Harvest on the pure-sine sweep). Bounds well outside the measured figures (docs/pitch.md): they catch a broken port, not noise.
            assertThat(r.grossError()).as(r.method() + " " + r.condition()).isLessThan(0.05);
            assertThat(r.medianCents()).as(r.method() + " " + r.condition()).isLessThan(10);
        }
    }
}
