package io.rvc4j.engine.bench;

import io.rvc4j.engine.Rvc;
import io.rvc4j.engine.synth.Precision;
import java.nio.file.Path;

/**
 * The engine {@code Rvc.builder().build()} makes, with the pitch extractor and the voice converter wrapped in timing
 * decorators; model loading (on first use or at warm-up) is timed as stage {@code load}.
 */
public final class TimedEngine {
    private TimedEngine() {
    }

    /** An engine over {@code modelsDir}, stage times accumulating in {@code clock}, the generator in {@code precision}. */
    public static Rvc open(Path modelsDir, String device, StageClock clock, Precision precision) {
        return Rvc.builder().modelsDir(modelsDir).device(device).precision(precision.toString())
                .build(p -> new TimedPitchExtractor(p, clock), c -> new TimedVoiceConverter(c, clock));
    }
}
