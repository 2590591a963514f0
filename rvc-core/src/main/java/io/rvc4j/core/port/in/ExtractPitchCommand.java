package io.rvc4j.core.port.in;

import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.Check;
import io.rvc4j.core.model.PitchRequest;

/** Estimate the f0 track of a recording, as the conversion would see it. */
public record ExtractPitchCommand(AudioSource input, PitchRequest request) {
    public ExtractPitchCommand {
        Check.present("audio", input);
        Check.present("f0_method", request);
    }
}
