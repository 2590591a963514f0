package io.rvc4j.dsp.pitch;

/**
 * The candidates of one analysis frame of Praat's pitch analysis ({@code Pitch_Frame}): candidate 0 is always
 * "unvoiced" (0 Hz); the others are autocorrelation peaks with a frequency and a strength (the interpolated
 * normalised autocorrelation at the peak). {@code intensity} is the frame's local peak relative to the global one.
 */
final class PitchCandidates {
    final double[] frequency;
    final double[] strength;
    int count;
    double intensity;

    PitchCandidates(int maxCandidates) {
        frequency = new double[maxCandidates];
        strength = new double[maxCandidates];
        count = 1;
    }

    void swap(int a, int b) {
        double f = frequency[a];
        frequency[a] = frequency[b];
        frequency[b] = f;
        double s = strength[a];
        strength[a] = strength[b];
        strength[b] = s;
    }
}
