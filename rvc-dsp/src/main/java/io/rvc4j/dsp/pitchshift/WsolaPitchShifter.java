package io.rvc4j.dsp.pitchshift;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.port.out.Resampler;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code pitch_change_all}: a time-preserving pitch shift the way SoX {@code pitch} does it (aicovergen-pipeline.md
 * 4.5): a WSOLA time-stretch by {@code r = 2^(semitones/12)} and a band-limited rate change by {@code 1/r}. Up-shifts
 * stretch first (as SoX); down-shifts change the rate first, so that WSOLA always works on the longer signal and
 * its alignment error (up to a search window plus an overlap) is never magnified. The rate change uses the best
 * rational approximation of {@code 1/r} with a denominator up to 1000 (ratio error at most 0.026 cents), which keeps
 * the resampler on small exact polyphase tables. The output has exactly the input's frame count.
 */
public final class WsolaPitchShifter {
    /** AICoverGen's web UI range for pitch_change_all; SoX itself warns beyond an octave. */
    public static final int MAX_SEMITONES = 24;
    /** Largest denominator of the rate ratio: at most 1000 polyphase phases; ratio error at most 0.026 cents (+-24). */
    static final int MAX_DENOMINATOR = 1000;

    private final Resampler resampler;

    public WsolaPitchShifter(Resampler resampler) {
        this.resampler = Objects.requireNonNull(resampler, "resampler");
    }

    public AudioClip shift(AudioClip clip, double semitones) {
        if (!(Math.abs(semitones) <= MAX_SEMITONES)) {
            throw new InvalidParameterException("pitch_change_all", "must be between -" + MAX_SEMITONES + " and "
                    + MAX_SEMITONES + " semitones, got " + semitones);
        }
        if (semitones == 0 || clip.isEmpty()) {
            return clip;
        }
        int rate = clip.sampleRate();
        int frames = clip.frameCount();
        double ratio = Math.pow(2, semitones / 12.0);
        float[][] in = new float[clip.channelCount()][];
        for (int c = 0; c < in.length; c++) {
            in[c] = clip.channel(c);
        }
        WsolaStretcher wsola = new WsolaStretcher(rate);
        // The rate change multiplies durations by num/den ~ 1/r; small terms keep the resampler on exact phases.
        int[] q = approximate(1 / ratio, MAX_DENOMINATOR);
        int num = q[0];
        int den = q[1];
        float[][] out = new float[in.length][];
        if (ratio > 1) {
            // Up: stretch first (the signal gets longer), then the rate change shortens it to the input length.
            int stretched = (int) Math.round((double) frames * den / num);
            float[][] slow = wsola.stretch(in, stretched);
            for (int c = 0; c < in.length; c++) {
                out[c] = Arrays.copyOf(resampler.resample(slow[c], den, num), frames);
            }
        } else {
            // Down: slow down first (every frequency drops by r, the length grows by 1/r), then WSOLA compresses back
            // to the input length, so its timing error is not magnified by 1/r.
            float[][] slow = new float[in.length][];
            for (int c = 0; c < in.length; c++) {
                slow[c] = resampler.resample(in[c], den, num);
            }
            out = wsola.stretch(slow, frames);
        }
        return AudioClip.wrap(rate, out);
    }

    /**
     * The best rational approximation {num, den} of {@code x > 0} with {@code den <= maxDen}: the last convergent of
     * the continued fraction or the best semiconvergent after it.
     */
    static int[] approximate(double x, int maxDen) {
        long p0 = 0;
        long q0 = 1;
        long p1 = 1;
        long q1 = 0;
        double v = x;
        while (true) {
            long a = (long) Math.floor(v);
            long p2 = a * p1 + p0;
            long q2 = a * q1 + q0;
            if (q2 > maxDen) {
                // The best semiconvergent that still fits may beat the last convergent.
                long k = (maxDen - q0) / q1;
                if (k > 0) {
                    long ps = k * p1 + p0;
                    long qs = k * q1 + q0;
                    if (Math.abs((double) ps / qs - x) < Math.abs((double) p1 / q1 - x)) {
                        return new int[] {(int) ps, (int) qs};
                    }
                }
                break;
            }
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
            double frac = v - a;
            if (frac < 1e-12 || Math.abs((double) p1 / q1 - x) < 1e-15) {
                break;
            }
            v = 1 / frac;
        }
        return new int[] {(int) p1, (int) q1};
    }
}
