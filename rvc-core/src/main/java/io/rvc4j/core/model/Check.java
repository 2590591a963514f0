package io.rvc4j.core.model;

import io.rvc4j.core.error.InvalidParameterException;

/** Range checks shared by the value records; every message names the parameter, the value and the valid range. */
public final class Check {
    private Check() {
    }

    /** Returns {@code value} when it lies in {@code [min, max]}; otherwise throws, never clamps. */
    public static double inRange(String parameter, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new InvalidParameterException(parameter,
                    "must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(value));
        }
        return value;
    }

    /** Integer form of {@link #inRange(String, double, double, double)}. */
    public static int inRange(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidParameterException(parameter,
                    "must be an integer between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Throws when {@code value} is null, naming the parameter. */
    public static <T> T present(String parameter, T value) {
        if (value == null) {
            throw new InvalidParameterException(parameter, "is required");
        }
        return value;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
