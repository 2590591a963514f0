package io.rvc4j.adapter.cli;

import io.rvc4j.core.error.RvcException;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.engine.Rvc;

/**
 * Loads the voice (with index and content encoder) and the pitch weights in parallel before a command's first
 * conversion. Best effort: a failure here (a missing model, missing RMVPE weights) is not reported now but by the
 * conversion itself, which checks the input first, so the user sees the same error and exit code as without it.
 */
final class Warm {
    private Warm() {
    }

    static void up(Rvc rvc, ModelRef model, PitchMethod method) {
        try {
            rvc.warmUp().warmUp(model, method);
        } catch (RvcException e) {
            // reported by the conversion, in its order (input first)
        }
    }
}
