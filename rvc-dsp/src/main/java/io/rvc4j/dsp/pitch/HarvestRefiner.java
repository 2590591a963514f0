package io.rvc4j.dsp.pitch;

import java.util.stream.IntStream;

/**
 * Harvest's second stage (WORLD {@code RefineF0Candidates}, {@code RemoveUnreliableCandidates}): each candidate is
 * replaced by the amplitude-weighted instantaneous frequency of up to six harmonics, with a score that is the inverse
 * of their mean relative disagreement; candidates outside the f0 range, scoring under 2.5, or with no neighbour within
 * 5 % in the frames before and after, are dropped. Frames are refined in parallel; each frame's result is independent
 * of the others, so the output does not depend on the thread count.
 */
final class HarvestRefiner {
    /** Minimum score of a refined candidate ({@code GetRefinedF0}). */
    private static final double MIN_SCORE = 2.5;
    /** Largest relative distance to a neighbouring frame's candidate ({@code RemoveUnreliableCandidatesSub}). */
    private static final double NEIGHBOUR_TOLERANCE = 0.05;
    /** Harmonics used by the refinement ({@code GetMeanF0}). */
    private static final int MAX_HARMONICS = 6;
    /** WORLD's nudge against rounding in {@code GetBaseIndex} ("first-aid treatment"). */
    private static final double INDEX_NUDGE = 0.001;

    private final double f0Floor;
    private final double f0Ceil;
    /**
     * Windows by half length. WORLD recomputes them per frame from {@code (index - 1) / fs - position}; on Harvest's
     * 1 ms grid at 8 kHz that is {@code (i - half - 1) / fs} up to rounding of 1e-17 s, so one window per length
     * serves every frame (the parity test sees no change).
     */
    private final java.util.concurrent.ConcurrentHashMap<Integer, double[][]> windows =
            new java.util.concurrent.ConcurrentHashMap<>();

    HarvestRefiner(double f0Floor, double f0Ceil) {
        this.f0Floor = f0Floor;
        this.f0Ceil = f0Ceil;
    }

    /** Refines the candidates in place and returns their scores, laid out like the candidates. */
    double[] refine(DecimatedSignal y, double[] positions, HarvestCandidates.Matrix candidates) {
        int width = candidates.width();
        double[] f0 = candidates.values();
        double[] scores = new double[f0.length];
        IntStream.range(0, candidates.frames()).parallel().forEach(i -> {
            double[] result = new double[2];
            for (int j = 0; j < width; j++) {
                int at = i * width + j;
                refineOne(y, positions[i], f0[at], result);
                f0[at] = result[0];
                scores[at] = result[1];
            }
        });
        removeUnreliable(f0, scores, candidates.frames(), width);
        return scores;
    }

    private void refineOne(DecimatedSignal y, double position, double currentF0, double[] result) {
        result[0] = 0;
        result[1] = 0;
        if (currentF0 <= 0.0) {
            return;
        }
        double fs = y.sampleRate;
        int half = (int) (1.5 * fs / currentF0 + 1.0);
        int length = half * 2 + 1;
        double windowSeconds = length / fs;
        int fftSize = (int) Math.pow(2.0, 2.0 + (int) (Math.log(half * 2.0 + 1.0) / Math.log(2.0)));
        int basicIndex = WorldMath.matlabRound((position + (-half) / fs) * fs + INDEX_NUDGE);
        int[] indices = new int[length];
        for (int i = 0; i < length; i++) {
            indices[i] = basicIndex + i;
        }
        double[][] window = windows.computeIfAbsent(half, h -> {
            double[] offsets = new double[length];
            for (int i = 0; i < length; i++) {
                offsets[i] = (i - h - 1.0) / fs;
            }
            return HarmonicSpectrum.windows(offsets, windowSeconds);
        });
        HarmonicSpectrum spectrum = new HarmonicSpectrum(y.samples, y.length, indices, window, fftSize, fs);
        int harmonics = Math.min((int) (fs / 2.0 / currentF0), MAX_HARMONICS);
        double numerator = 0;
        double denominator = 0;
        double disagreement = 0;
        double[] amplitude = new double[1];
        for (int i = 0; i < harmonics; i++) {
            int bin = WorldMath.matlabRound(currentF0 * fftSize / fs * (i + 1));
            double frequency = spectrum.instantaneousFrequency(bin, amplitude);
            numerator += amplitude[0] * frequency;
            denominator += amplitude[0] * (i + 1.0);
            disagreement += Math.abs((frequency / (i + 1.0) - currentF0) / currentF0);
        }
        double refined = numerator / (denominator + WorldMath.SAFE_GUARD_MINIMUM);
        double score = 1.0 / (disagreement / harmonics + WorldMath.SAFE_GUARD_MINIMUM);
        if (refined < f0Floor || refined > f0Ceil || score < MIN_SCORE) {
            return;
        }
        result[0] = refined;
        result[1] = score;
    }

    /** Drops candidates with no close neighbour, comparing against the values before this pass (WORLD keeps a copy). */
    private static void removeUnreliable(double[] f0, double[] scores, int frames, int width) {
        double[] previousOriginal = new double[width];
        double[] currentOriginal = new double[width];
        if (frames > 0) {
            System.arraycopy(f0, 0, currentOriginal, 0, width);
        }
        for (int i = 1; i < frames - 1; i++) {
            double[] swap = previousOriginal;
            previousOriginal = currentOriginal;
            currentOriginal = swap;
            System.arraycopy(f0, i * width, currentOriginal, 0, width);
            for (int j = 0; j < width; j++) {
                double reference = currentOriginal[j];
                if (reference == 0) {
                    continue;
                }
                double next = bestError(reference, f0, (i + 1) * width, width);
                double before = bestError(reference, previousOriginal, 0, width);
                if (Math.min(next, before) <= NEIGHBOUR_TOLERANCE) {
                    continue;
                }
                f0[i * width + j] = 0;
                scores[i * width + j] = 0;
            }
        }
    }

    /** {@code SelectBestF0} with an allowed range of 1: the smallest relative distance, capped at 1. */
    private static double bestError(double reference, double[] row, int offset, int width) {
        double best = 1.0;
        for (int k = 0; k < width; k++) {
            double e = Math.abs(reference - row[offset + k]) / reference;
            if (e <= best) {
                best = e;
            }
        }
        return best;
    }
}
