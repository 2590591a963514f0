package io.rvc4j.core.model;

/**
 * 16 kHz input conditioned as the reference pipeline does before pitch extraction: peak-guarded, high-passed and
 * reflect-padded by {@code padSamples} on each side.
 */
public final class PreparedAudio {
    public static final int SAMPLE_RATE = 16_000;

    private final float[] filtered;
    private final float[] padded;
    private final int padSamples;

    private PreparedAudio(float[] filtered, float[] padded, int padSamples) {
        this.filtered = filtered;
        this.padded = padded;
        this.padSamples = padSamples;
    }

    /** Takes ownership of both arrays. */
    public static PreparedAudio wrap(float[] filtered, float[] padded, int padSamples) {
        if (padded.length != filtered.length + 2 * padSamples) {
            throw new IllegalArgumentException("padded length " + padded.length + " != " + filtered.length
                    + " + 2 x " + padSamples);
        }
        return new PreparedAudio(filtered, padded, padSamples);
    }

    /** The high-passed signal (a copy). */
    public float[] filtered() {
        return filtered.clone();
    }

    /** The reflect-padded signal that pitch extractors see (a copy). */
    public float[] padded() {
        return padded.clone();
    }

    public int padSamples() {
        return padSamples;
    }

    public int frameCount() {
        return filtered.length;
    }
}
