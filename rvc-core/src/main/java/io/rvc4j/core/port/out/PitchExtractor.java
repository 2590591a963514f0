package io.rvc4j.core.port.out;

import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;

/** Estimates f0 from 16 kHz mono audio at RVC's 100 frames per second. */
public interface PitchExtractor {

    /**
     * Returns {@code audio16k.length / 160} frames (RVC's {@code p_len}), unshifted, in Hz, 0 where unvoiced.
     *
     * @throws io.rvc4j.core.error.ModelNotFoundException when a neural method's weights are missing
     */
    PitchTrack extract(float[] audio16k, PitchRequest request);

    /**
     * Loads what {@code method} needs (a neural method's weights) so that the first {@link #extract} does not pay for
     * it. Methods without weights need nothing; the default does nothing.
     *
     * @throws io.rvc4j.core.error.ModelNotFoundException when the method's weights are missing
     */
    default void warmUp(PitchMethod method) {
    }
}
