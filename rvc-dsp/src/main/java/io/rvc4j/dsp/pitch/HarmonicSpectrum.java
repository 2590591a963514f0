package io.rvc4j.dsp.pitch;

/**
 * The instantaneous-frequency estimate shared by Harvest's refinement and StoneMask (WORLD {@code GetMeanF0} and
 * {@code FixF0}): a Blackman window of three periods around a position and its time derivative, transformed with an
 * FFT of {@code 2^(2 + floor(log2(window length)))} points; the instantaneous frequency at bin k is
 * {@code k fs / N + Im(conj(X) D) / |X|^2 * fs / 2 pi}.
 *
 * <p>WORLD computes full FFTs but reads only the bins of the first six harmonics, so this class evaluates those bins
 * directly (a DFT at one bin, with exact twiddles from a table of the FFT size). The results agree with the FFT to
 * rounding.
 */
final class HarmonicSpectrum {
    /** WORLD's Blackman coefficients in {@code GetMainWindow}. */
    private static final double BLACKMAN_A0 = 0.42;
    private static final double BLACKMAN_A1 = 0.5;
    private static final double BLACKMAN_A2 = 0.08;

    private static final java.util.concurrent.ConcurrentHashMap<Integer, double[][]> TWIDDLES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final double[] segment;
    private final double[] mainWindow;
    private final double[] diffWindow;
    private final int length;
    private final int fftSize;
    private final double fs;
    private final double[] cos;
    private final double[] sin;

    /**
     * @param x the signal
     * @param firstIndex WORLD's 1-based index of the window's first sample (MATLAB heritage: the sample read is
     *     {@code x[firstIndex - 1 + i]}, clamped to the signal, while the window is centred as if it were
     *     {@code firstIndex + i})
     * @param windowOffsets {@code (index_i - 1) / fs - position} per window sample
     */
    HarmonicSpectrum(double[] x, int xLength, int[] indices, double[] windowOffsets, double windowLengthSeconds,
            int fftSize, double fs) {
        this(x, xLength, indices, windows(windowOffsets, windowLengthSeconds), fftSize, fs);
    }

    /** With precomputed {@link #windows} (Harvest reuses them across frames). */
    HarmonicSpectrum(double[] x, int xLength, int[] indices, double[][] windows, int fftSize, double fs) {
        this.length = indices.length;
        this.fftSize = fftSize;
        this.fs = fs;
        this.segment = new double[length];
        this.mainWindow = windows[0];
        this.diffWindow = windows[1];
        for (int i = 0; i < length; i++) {
            segment[i] = x[Math.max(0, Math.min(xLength - 1, indices[i] - 1))];
        }
        double[][] table = TWIDDLES.computeIfAbsent(fftSize, HarmonicSpectrum::twiddles);
        this.cos = table[0];
        this.sin = table[1];
    }

    /** The Blackman window at {@code offsets} (seconds from the centre) and its derivative ({@code GetDiffWindow}). */
    static double[][] windows(double[] offsets, double windowLengthSeconds) {
        int length = offsets.length;
        double[] main = new double[length];
        double[] diff = new double[length];
        for (int i = 0; i < length; i++) {
            double t = offsets[i];
            main[i] = BLACKMAN_A0 + BLACKMAN_A1 * Math.cos(2.0 * Math.PI * t / windowLengthSeconds)
                    + BLACKMAN_A2 * Math.cos(4.0 * Math.PI * t / windowLengthSeconds);
        }
        diff[0] = -main[1] / 2.0;
        for (int i = 1; i < length - 1; i++) {
            diff[i] = -(main[i + 1] - main[i - 1]) / 2.0;
        }
        diff[length - 1] = main[length - 2] / 2.0;
        return new double[][] {main, diff};
    }

    private static double[][] twiddles(int n) {
        double[] c = new double[n];
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            c[k] = Math.cos(2 * Math.PI * k / n);
            s[k] = -Math.sin(2 * Math.PI * k / n);
        }
        return new double[][] {c, s};
    }

    int fftSize() {
        return fftSize;
    }

    /** Instantaneous frequency (Hz) at {@code bin}, and its amplitude in {@code amplitude[0]}; 0 Hz when silent. */
    double instantaneousFrequency(int bin, double[] amplitude) {
        double mr = 0;
        double mi = 0;
        double dr = 0;
        double di = 0;
        int phase = 0;
        int step = bin % fftSize;
        for (int t = 0; t < length; t++) {
            double c = cos[phase];
            double s = sin[phase];
            double xm = segment[t] * mainWindow[t];
            double xd = segment[t] * diffWindow[t];
            mr += xm * c;
            mi += xm * s;
            dr += xd * c;
            di += xd * s;
            phase += step;
            if (phase >= fftSize) {
                phase -= fftSize;
            }
        }
        double power = mr * mr + mi * mi;
        double numerator = mr * di - mi * dr;
        amplitude[0] = Math.sqrt(power);
        return power == 0.0 ? 0.0 : (double) bin * fs / fftSize + numerator / power * fs / 2.0 / Math.PI;
    }
}
