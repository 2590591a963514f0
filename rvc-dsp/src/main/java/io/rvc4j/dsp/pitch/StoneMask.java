package io.rvc4j.dsp.pitch;

/**
 * WORLD's StoneMask refinement (mmorise/World {@code stonemask.cpp}, commit d625e76): each f0 value is replaced by the
 * instantaneous frequency of its first two harmonics, and then of six harmonics around that estimate, measured on the
 * full-rate signal with a three-period Blackman window. Values at or below 40 Hz, above fs/12, or moving more than
 * 20 % are left as they were (0 stays 0). RVC runs it after Harvest.
 */
public final class StoneMask {
    /** WORLD's {@code kFloorF0StoneMask}. */
    private static final double FLOOR_F0 = 40.0;
    /** A refinement moving f0 by more than this share is discarded ({@code GetRefinedF0}). */
    private static final double MAX_CORRECTION = 0.2;

    private StoneMask() {
    }

    /** Refined f0 for {@code f0} at {@code times} (seconds), from {@code x} at {@code sampleRate}. */
    public static double[] refine(double[] x, int sampleRate, double[] times, double[] f0) {
        double[] out = new double[f0.length];
        java.util.stream.IntStream.range(0, f0.length).parallel()
                .forEach(i -> out[i] = refineOne(x, sampleRate, times[i], f0[i]));
        return out;
    }

    private static double refineOne(double[] x, int fs, double position, double initialF0) {
        if (initialF0 <= FLOOR_F0 || initialF0 > fs / 12.0) {
            return 0.0;
        }
        int half = (int) (1.5 * fs / initialF0 + 1.0);
        int length = half * 2 + 1;
        double windowSeconds = length / (double) fs;
        int fftSize = (int) Math.pow(2.0, 2.0 + (int) (Math.log(half * 2.0 + 1.0) / Math.log(2.0)));
        int[] indices = new int[length];
        double[] offsets = new double[length];
        for (int i = 0; i < length; i++) {
            double baseTime = (double) (-half + i) / fs;
            indices[i] = WorldMath.matlabRound((position + baseTime) * fs);
            offsets[i] = (indices[i] - 1.0) / fs - position;
        }
        HarmonicSpectrum spectrum = new HarmonicSpectrum(x, x.length, indices, offsets, windowSeconds, fftSize, fs);
        double tentative = fix(spectrum, fs, initialF0, 2);
        double mean = tentative <= 0.0 || tentative > initialF0 * 2 ? 0.0 : fix(spectrum, fs, tentative, 6);
        return Math.abs(mean - initialF0) > initialF0 * MAX_CORRECTION ? initialF0 : mean;
    }

    /** StoneMask's {@code FixF0}: amplitude-weighted instantaneous frequency of the first harmonics. */
    private static double fix(HarmonicSpectrum spectrum, int fs, double f0, int harmonics) {
        int n = spectrum.fftSize();
        double numerator = 0;
        double denominator = 0;
        double[] amplitude = new double[1];
        for (int i = 0; i < harmonics; i++) {
            int bin = Math.min(WorldMath.matlabRound(f0 * n / fs * (i + 1)), n / 2);
            double frequency = spectrum.instantaneousFrequency(bin, amplitude);
            numerator += amplitude[0] * frequency;
            denominator += amplitude[0] * (i + 1);
        }
        return numerator / (denominator + WorldMath.SAFE_GUARD_MINIMUM);
    }
}
