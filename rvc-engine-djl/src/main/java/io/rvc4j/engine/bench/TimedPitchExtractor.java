package io.rvc4j.engine.bench;

import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;

/** Times every f0 extraction as stage {@code f0}. */
final class TimedPitchExtractor implements PitchExtractor {
    private final PitchExtractor delegate;
    private final StageClock clock;

    TimedPitchExtractor(PitchExtractor delegate, StageClock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public PitchTrack extract(float[] audio16k, PitchRequest request) {
        return clock.time("f0", () -> delegate.extract(audio16k, request));
    }

    @Override
    public void warmUp(PitchMethod method) {
        clock.time("warm_up_pitch", () -> {
            delegate.warmUp(method);
            return null;
        });
    }
}
