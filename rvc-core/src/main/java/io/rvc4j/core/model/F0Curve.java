package io.rvc4j.core.model;

import io.rvc4j.core.error.InvalidParameterException;

/**
 * A user-supplied f0 track ("f0 file"): lines of {@code time_s,f0_hz}. It replaces the extracted f0 after the key shift
 * and is not transposed, exactly as RVC's {@code f0_file} does.
 */
public final class F0Curve {
    /** Longest curve we accept: a day of points at 100 per second is more than any song. */
    public static final int MAX_POINTS = 10_000_000;

    private final float[] times;
    private final float[] f0;

    private F0Curve(float[] times, float[] f0) {
        this.times = times;
        this.f0 = f0;
    }

    /** A curve from parallel arrays (copied); times in seconds, f0 in Hz (0 = unvoiced). */
    public static F0Curve of(float[] timesSeconds, float[] f0Hz) {
        if (timesSeconds.length != f0Hz.length || timesSeconds.length == 0) {
            throw new InvalidParameterException("f0_file", "needs one or more (time, f0) pairs of equal count");
        }
        for (int i = 0; i < f0Hz.length; i++) {
            if (!Float.isFinite(timesSeconds[i]) || !Float.isFinite(f0Hz[i]) || f0Hz[i] < 0 || timesSeconds[i] < 0) {
                throw new InvalidParameterException("f0_file", "point " + (i + 1) + " must have time >= 0 and f0 >= 0, got "
                        + timesSeconds[i] + "," + f0Hz[i]);
            }
        }
        return new F0Curve(timesSeconds.clone(), f0Hz.clone());
    }

    /** Parses RVC's f0 file text: one {@code time,f0} pair per line; a header line {@code time_s,f0_hz} is skipped. */
    public static F0Curve parse(String text) {
        String[] lines = Check.present("f0_file", text).strip().split("\\R");
        if (lines.length > MAX_POINTS) {
            throw new InvalidParameterException("f0_file", "has " + lines.length + " lines, at most " + MAX_POINTS);
        }
        float[] t = new float[lines.length];
        float[] f = new float[lines.length];
        int n = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && Character.isLetter(line.charAt(0)))) {
                continue;
            }
            String[] cols = line.split("[,\\s]+");
            if (cols.length != 2) {
                throw new InvalidParameterException("f0_file", "line " + (i + 1) + " must be 'time,f0', got '" + line + "'");
            }
            try {
                t[n] = Float.parseFloat(cols[0]);
                f[n] = Float.parseFloat(cols[1]);
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("f0_file", "line " + (i + 1) + " is not numeric: '" + line + "'");
            }
            n++;
        }
        return of(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(f, n));
    }

    public int size() {
        return times.length;
    }

    public float[] timesSeconds() {
        return times.clone();
    }

    public float[] f0Hz() {
        return f0.clone();
    }
}
