package io.rvc4j.dsp.resample;

/**
 * Kaiser window design formulas (J. F. Kaiser, "Nonrecursive digital filter design using the I0-sinh window
 * function", 1974; as in Oppenheim and Schafer, section 7.5.3).
 */
final class Kaiser {
    private Kaiser() {
    }

    /** The window's beta for a stopband {@code attenuationDb} down. */
    static double beta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    /** Filter length in samples for {@code attenuationDb} and a transition {@code width} in cycles per sample. */
    static double length(double attenuationDb, double width) {
        return (attenuationDb - 7.95) / (14.36 * width);
    }

    /** The window at {@code r} = t / half-length, in [-1, 1]. */
    static double window(double beta, double r) {
        double s = 1 - r * r;
        return s <= 0 ? (s == 0 ? 1 / besselI0(beta) : 0) : besselI0(beta * Math.sqrt(s)) / besselI0(beta);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
