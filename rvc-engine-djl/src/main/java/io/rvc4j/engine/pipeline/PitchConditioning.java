package io.rvc4j.engine.pipeline;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.F0Curve;
import io.rvc4j.core.model.PitchTrack;
import java.util.Optional;

/**
 * RVC's {@code get_f0} after estimation (reference note section 3.8): key shift by {@code 2^(key/12)}, the f0-file
 * override written after the shift (so not transposed) from frame {@code 100·x_pad} on, then the coarse mel
 * quantisation. Arithmetic follows numpy's float32 array rules (as of numpy 2, the version the fixtures ran).
 */
final class PitchConditioning {
    /** {@code 1127·ln(1 + 50/700)}: mel of f0_min = 50 Hz. */
    static final double MEL_MIN = 1127 * Math.log(1 + 50.0 / 700);
    /** {@code 1127·ln(1 + 1100/700)}: mel of f0_max = 1100 Hz. */
    static final double MEL_MAX = 1127 * Math.log(1 + 1100.0 / 700);
    /** Coarse pitch range: 1 (unvoiced, or at most 50 Hz) .. 255. */
    static final int COARSE_MAX = 255;

    private PitchConditioning() {
    }

    /**
     * @param track f0 over the padded signal at 100 frames/s ({@code len(audio_pad)//160 + 1} frames for RMVPE)
     * @param pLen {@code len(audio_pad) // 160}; the result has this length (a shorter track is zero-padded)
     */
    static FramePitch condition(PitchTrack track, int pLen, int semitones, Optional<F0Curve> curve) {
        if (Math.abs(track.frameRate() - PipelineConstants.FRAME_RATE) > 1e-9) {
            throw new InvalidParameterException("f0", "track must have " + PipelineConstants.FRAME_RATE
                    + " frames per second, got " + track.frameRate());
        }
        if (track.frameCount() == 0) {
            throw new InvalidParameterException("f0", "a pitch-guided model needs an f0 track, got an empty one");
        }
        float[] f0 = new float[Math.max(pLen, track.frameCount())];
        for (int i = 0; i < track.frameCount(); i++) {
            f0[i] = track.at(i);
            if (!(f0[i] >= 0) || Float.isInfinite(f0[i])) {
                throw new InvalidParameterException("f0", "frame " + i + " holds " + f0[i]
                        + " Hz; f0 must be finite and >= 0 (0 = unvoiced)");
            }
        }
        float factor = (float) Math.pow(2, semitones / 12.0);
        for (int i = 0; i < f0.length; i++) {
            f0[i] *= factor;
        }
        curve.ifPresent(c -> override(f0, c));
        float[] hz = new float[pLen];
        int[] coarse = new int[pLen];
        for (int i = 0; i < pLen; i++) {
            hz[i] = f0[i];
            coarse[i] = coarse(f0[i]);
        }
        return new FramePitch(coarse, hz);
    }

    /** The coarse index of one f0 value: mel scaled to 1..255, {@code rint} (half to even), unvoiced 1. */
    static int coarse(float f0) {
        float mel = 1127f * (float) Math.log(1f + f0 / 700f);
        if (mel > 0) {
            mel = (float) ((mel - MEL_MIN) * 254 / (MEL_MAX - MEL_MIN) + 1);
        }
        if (mel <= 1) {
            mel = 1;
        }
        if (mel > COARSE_MAX) {
            mel = COARSE_MAX;
        }
        return (int) Math.rint(mel);
    }

    /**
     * {@code replace_f0 = interp(0..delta_t-1, t·100, f0)} with {@code delta_t = round((max t - min t)·100 + 1)},
     * written into {@code f0[100·x_pad ...]} and truncated to fit. The frame index starts at 0 whatever min t is.
     */
    private static void override(float[] f0, F0Curve curve) {
        float[] t = curve.timesSeconds();
        float[] v = curve.f0Hz();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double[] xp = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            min = Math.min(min, t[i]);
            max = Math.max(max, t[i]);
            xp[i] = t[i] * 100f;
            if (i > 0 && xp[i] < xp[i - 1]) {
                throw new InvalidParameterException("f0_file", "times must not decrease (line " + (i + 1) + ")");
            }
        }
        // np.round(...).astype("int16"): float32 arithmetic, half to even, then a 16-bit cast
        int deltaT = (short) Math.rint((max - min) * 100f + 1f);
        int start = PipelineConstants.FRAME_RATE * PipelineConstants.X_PAD;
        for (int k = 0; k < deltaT && start + k < f0.length; k++) {
            f0[start + k] = (float) interp(k, xp, v);
        }
    }

    /** numpy {@code interp}: linear between points, clamped to the end values outside. */
    static double interp(double x, double[] xp, float[] fp) {
        int n = xp.length;
        if (x <= xp[0]) {
            return fp[0];
        }
        if (x >= xp[n - 1]) {
            return fp[n - 1];
        }
        int j = 0;
        while (j + 1 < n && xp[j + 1] <= x) {
            j++;
        }
        if (xp[j] == x) {
            return fp[j];
        }
        double slope = (fp[j + 1] - (double) fp[j]) / (xp[j + 1] - xp[j]);
        return slope * (x - xp[j]) + fp[j];
    }
}
