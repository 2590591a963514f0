package io.rvc4j.dsp.pitch;

/**
 * Harvest's first stage (Morise 2017, "Harvest: A high-performance fundamental frequency estimator from speech
 * signals"; mmorise/World {@code harvest.cpp}, {@code GetRawF0Candidates} to {@code OverlapF0Candidates}): the
 * decimated signal goes through a bank of band-pass filters spaced 40 per octave; in each band the intervals between
 * four kinds of zero crossing give an f0 contour; runs of ten or more neighbouring bands that agree become a frame's
 * candidates, which are then spread to the three frames on either side.
 *
 * <p>Unlike WORLD, the channels are consumed one at a time, so memory stays linear in the signal length instead of
 * channels times frames; the arithmetic per value is the same.
 */
final class HarvestCandidates {
    /** Bands per octave ({@code channels_in_octave} in {@code Harvest}). */
    private static final double CHANNELS_IN_OCTAVE = 40;
    /** A run of at least this many agreeing bands makes a candidate ({@code DetectOfficialF0CandidatesSub2}). */
    private static final int MIN_BANDS = 10;
    /** Frames on each side a candidate is copied to ({@code OverlapF0Candidates}: n = 3, 7 copies in all). */
    static final int OVERLAP = 3;
    static final int OVERLAP_PARAMETER = 2 * OVERLAP + 1;

    private final double f0Floor;
    private final double f0Ceil;

    HarvestCandidates(double f0Floor, double f0Ceil) {
        this.f0Floor = f0Floor;
        this.f0Ceil = f0Ceil;
    }

    /** The candidates of each frame, {@code width} per frame, 0 = none; rows follow {@code temporalPositions}. */
    record Matrix(double[] values, int frames, int width) {
        double get(int frame, int column) {
            return values[frame * width + column];
        }
    }

    Matrix detect(DecimatedSignal signal, double[] temporalPositions) {
        double adjustedFloor = f0Floor * 0.9;
        double adjustedCeil = f0Ceil * 1.1;
        int channels = 1 + (int) (Math.log(adjustedCeil / adjustedFloor) / Math.log(2.0) * CHANNELS_IN_OCTAVE);
        int frames = temporalPositions.length;
        int maxPerFrame = channels / MIN_BANDS + 1;
        double[] official = new double[frames * maxPerFrame];
        int[] counts = new int[frames];
        double[] runSum = new double[frames];
        int[] runStart = new int[frames];
        java.util.Arrays.fill(runStart, -1);
        double[] contour = new double[frames];
        BandPassBank bank = new BandPassBank(signal);
        for (int j = 0; j < channels; j++) {
            boolean edge = j == 0 || j == channels - 1;
            if (!edge) {
                double boundary = adjustedFloor * Math.pow(2.0, (j + 1) / CHANNELS_IN_OCTAVE);
                bank.candidateContour(boundary, f0Floor, f0Ceil, temporalPositions, contour);
            }
            for (int i = 0; i < frames; i++) {
                boolean voiced = !edge && contour[i] > 0;
                if (voiced) {
                    if (runStart[i] < 0) {
                        runStart[i] = j;
                        runSum[i] = contour[i];
                    } else {
                        runSum[i] += contour[i];
                    }
                } else if (runStart[i] >= 0) {
                    int length = j - runStart[i];
                    if (length >= MIN_BANDS) {
                        official[i * maxPerFrame + counts[i]++] = runSum[i] / length;
                    }
                    runStart[i] = -1;
                }
            }
        }
        int perFrame = 0;
        for (int c : counts) {
            perFrame = Math.max(perFrame, c);
        }
        return overlap(official, maxPerFrame, frames, perFrame);
    }

    /** {@code OverlapF0Candidates}: column block s holds the candidates of frame k - s (s = 1..3) or k + s - 3. */
    private static Matrix overlap(double[] official, int stride, int frames, int n) {
        int width = n * OVERLAP_PARAMETER;
        double[] m = new double[frames * width];
        for (int k = 0; k < frames; k++) {
            System.arraycopy(official, k * stride, m, k * width, n);
        }
        for (int i = 1; i <= OVERLAP; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = i; k < frames; k++) {
                    m[k * width + j + n * i] = official[(k - i) * stride + j];
                }
                for (int k = 0; k < frames - i; k++) {
                    m[k * width + j + n * (i + OVERLAP)] = official[(k + i) * stride + j];
                }
            }
        }
        return new Matrix(m, frames, width);
    }
}
