package io.rvc4j.core.port.in;

import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchMethod;

/**
 * Loads a voice model (with its index and the content encoder) and a pitch method's weights before the first request
 * needs them, the two in parallel, so that a server's or a batch's first conversion starts at full speed.
 */
public interface WarmUpUseCase {

    /**
     * Returns when both are loaded.
     *
     * @throws io.rvc4j.core.error.ModelNotFoundException when the voice or the pitch weights are missing
     * @throws io.rvc4j.core.error.InvalidModelFileException when a file cannot be read
     */
    void warmUp(ModelRef model, PitchMethod method);
}
