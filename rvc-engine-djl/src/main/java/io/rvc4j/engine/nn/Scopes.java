package io.rvc4j.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * One step of a network inside a fresh sub-manager, so every temporary it makes is freed on return and only the
 * result stays, on the manager the input came from. This bounds a call's peak memory to one step's working set.
 */
public final class Scopes {
    private Scopes() {
    }

    /** {@code body(in)} with its temporaries freed; {@code in} stays where it was. */
    public static NDArray keep(NDArray in, UnaryOperator<NDArray> body) {
        return run(in, false, body);
    }

    /** {@code body(in)} with its temporaries and {@code in} itself freed (the input is not needed afterwards). */
    public static NDArray consume(NDArray in, UnaryOperator<NDArray> body) {
        return run(in, true, body);
    }

    private static NDArray run(NDArray in, boolean consume, UnaryOperator<NDArray> body) {
        NDManager owner = in.getManager();
        try (NDManager scope = owner.newSubManager()) {
            if (consume) {
                in.attach(scope);
            } else {
                in.tempAttach(scope);
            }
            NDArray out = body.apply(in);
            out.attach(owner);
            return out;
        }
    }
}
