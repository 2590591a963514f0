package io.rvc4j.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Computes a result in pieces along one axis and joins them, each piece's temporaries freed before the next starts.
 * Used where a whole-length computation would make temporaries far larger than any cache (attention matrices, the
 * generator's activations) while the result of a piece depends only on its own range (plus context the body reads).
 */
public final class Pieces {

    /** One piece: the output for positions {@code [start, end)}, with temporaries on {@code scope}. */
    @FunctionalInterface
    public interface Body {
        NDArray compute(long start, long end, NDManager scope);
    }

    private Pieces() {
    }

    /**
     * Splits {@code [from, to)} into the fewest pieces of at most {@code maxPiece} positions (sizes differing by at
     * most one), runs {@code body} on each inside a sub-manager of {@code owner}, and concatenates the results along
     * {@code axis}.
     *
     * @return the joined result, on {@code owner}
     */
    public static NDArray joined(NDManager owner, long from, long to, long maxPiece, int axis, Body body) {
        long pieces = Math.max(1, (to - from + maxPiece - 1) / maxPiece);
        NDList parts = new NDList();
        try {
            for (long p = 0; p < pieces; p++) {
                long start = from + (to - from) * p / pieces;
                long end = from + (to - from) * (p + 1) / pieces;
                try (NDManager scope = owner.newSubManager()) {
                    NDArray part = body.compute(start, end, scope);
                    part.attach(owner);
                    parts.add(part);
                }
            }
            return parts.size() == 1 ? parts.remove(0) : NDArrays.concat(parts, axis);
        } finally {
            parts.close();
        }
    }
}
