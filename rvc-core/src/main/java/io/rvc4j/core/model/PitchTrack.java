package io.rvc4j.core.model;

/**
 * An f0 track: one value in Hz per frame (0 = unvoiced) at a fixed frame rate. RVC works at 100 frames per second
 * (hop 160 samples at 16 kHz).
 */
public final class PitchTrack {
    /** RVC's frame rate: hop 160 at 16 kHz. */
    public static final double RVC_FRAME_RATE = 100.0;

    private final float[] f0;
    private final double frameRate;

    private PitchTrack(float[] f0, double frameRate) {
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        this.f0 = f0;
        this.frameRate = frameRate;
    }

    /** A track from a copy of {@code f0Hz}. */
    public static PitchTrack of(float[] f0Hz, double frameRate) {
        return new PitchTrack(f0Hz.clone(), frameRate);
    }

    /** Takes ownership of {@code f0Hz} without copying; for producers that never touch it again. */
    public static PitchTrack wrap(float[] f0Hz, double frameRate) {
        return new PitchTrack(f0Hz, frameRate);
    }

    /** The empty track of no-f0 models. */
    public static PitchTrack none() {
        return new PitchTrack(new float[0], RVC_FRAME_RATE);
    }

    public int frameCount() {
        return f0.length;
    }

    public double frameRate() {
        return frameRate;
    }

    public float at(int frame) {
        return f0[frame];
    }

    public float[] f0Hz() {
        return f0.clone();
    }

    /** Share of frames with f0 above zero. */
    public double voicedFraction() {
        if (f0.length == 0) {
            return 0;
        }
        int voiced = 0;
        for (float v : f0) {
            if (v > 0) {
                voiced++;
            }
        }
        return (double) voiced / f0.length;
    }
}
