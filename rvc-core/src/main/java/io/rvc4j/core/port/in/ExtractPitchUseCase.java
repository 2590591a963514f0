package io.rvc4j.core.port.in;

import io.rvc4j.core.model.PitchTrack;

/** The f0 track of a recording at 100 frames per second, frame 0 at time 0. */
public interface ExtractPitchUseCase {
    PitchTrack extractPitch(ExtractPitchCommand command);

    /** {@link #extractPitch(ExtractPitchCommand)}, telling {@code listener} as each stage (decode, f0) starts. */
    default PitchTrack extractPitch(ExtractPitchCommand command, StageListener listener) {
        return extractPitch(command);
    }
}
