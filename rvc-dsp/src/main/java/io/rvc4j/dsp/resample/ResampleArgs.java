package io.rvc4j.dsp.resample;

/** The argument checks and output length the resamplers of this package share. */
final class ResampleArgs {
    private ResampleArgs() {
    }

    /**
     * {@code round(n * toRate / fromRate)}, after checking that both rates are positive and that the result fits an
     * array.
     */
    static int outputLength(int n, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("rates must be positive, got " + fromRate + " -> " + toRate);
        }
        long outLength = Math.round((double) n * toRate / fromRate);
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output of " + outLength + " samples is too long");
        }
        return (int) outLength;
    }
}
