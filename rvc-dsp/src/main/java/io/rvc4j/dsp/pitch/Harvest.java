package io.rvc4j.dsp.pitch;

/**
 * WORLD's Harvest f0 estimator (M. Morise, "Harvest: A high-performance fundamental frequency estimator from speech
 * signals", Interspeech 2017), ported from mmorise/World {@code harvest.cpp} (commit d625e76, the code behind
 * pyworld). The estimate is made on a 1 ms grid of the signal decimated to 8 kHz, then sampled at the frame period
 * ({@code f0[i] = f0_1ms[round(i * period)]}), exactly as {@code Harvest()} does.
 *
 * <p>Stateless and thread-safe; the refinement uses the common fork-join pool.
 */
public final class Harvest {
    /** WORLD's basic frame period in ms. */
    private static final int BASIC_FRAME_PERIOD_MS = 1;

    private final double f0Floor;
    private final double f0Ceil;
    private final double framePeriodMs;

    /**
     * @param f0Floor lowest f0 in Hz (RVC: 50)
     * @param f0Ceil highest f0 in Hz (RVC: 1100)
     * @param framePeriodMs output frame period in ms (RVC: 10)
     */
    public Harvest(double f0Floor, double f0Ceil, double framePeriodMs) {
        if (!(f0Floor > 0) || !(f0Ceil > f0Floor) || f0Ceil * 1.1 >= DecimatedSignal.TARGET_RATE / 2) {
            throw new IllegalArgumentException("need 0 < f0Floor < f0Ceil < 3636 Hz, got " + f0Floor + ".." + f0Ceil);
        }
        if (!(framePeriodMs >= 1)) {
            throw new IllegalArgumentException("frame period must be >= 1 ms, got " + framePeriodMs);
        }
        this.f0Floor = f0Floor;
        this.f0Ceil = f0Ceil;
        this.framePeriodMs = framePeriodMs;
    }

    /** WORLD's {@code GetSamplesForHarvest}: frames Harvest returns for {@code length} samples. */
    public static int frameCount(int sampleRate, int length, double framePeriodMs) {
        return (int) (1000.0 * length / sampleRate / framePeriodMs) + 1;
    }

    /** f0 in Hz (0 = unvoiced) at {@code frameCount(sampleRate, x.length, framePeriodMs)} frames from time 0. */
    public double[] estimate(double[] x, int sampleRate) {
        if (sampleRate != 16000 && sampleRate != 8000) {
            throw new IllegalArgumentException("Harvest here takes 8 or 16 kHz, got " + sampleRate);
        }
        if (x.length < 2 * 10) {
            throw new IllegalArgumentException("Harvest needs at least 20 samples, got " + x.length);
        }
        double[] basic = estimateBasic(x, sampleRate);
        int frames = frameCount(sampleRate, x.length, framePeriodMs);
        double[] f0 = new double[frames];
        for (int i = 0; i < frames; i++) {
            double t = i * framePeriodMs / 1000.0;
            f0[i] = basic[Math.min(basic.length - 1, WorldMath.matlabRound(t * 1000.0))];
        }
        return f0;
    }

    /** The times of {@link #estimate}'s frames in seconds. */
    public double[] times(int frames) {
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            t[i] = i * framePeriodMs / 1000.0;
        }
        return t;
    }

    private double[] estimateBasic(double[] x, int sampleRate) {
        double lowestBoundary = f0Floor * 0.9 * Math.pow(2.0, 1 / 40.0);
        DecimatedSignal y = DecimatedSignal.of(x, sampleRate, lowestBoundary);
        int frames = frameCount(sampleRate, x.length, BASIC_FRAME_PERIOD_MS);
        double[] positions = new double[frames];
        for (int i = 0; i < frames; i++) {
            positions[i] = i * BASIC_FRAME_PERIOD_MS / 1000.0;
        }
        HarvestCandidates.Matrix candidates = new HarvestCandidates(f0Floor, f0Ceil).detect(y, positions);
        if (candidates.width() == 0) {
            return new double[frames];
        }
        double[] scores = new HarvestRefiner(f0Floor, f0Ceil).refine(y, positions, candidates);
        return new HarvestContour(candidates.values(), scores, frames, candidates.width()).contour();
    }
}
