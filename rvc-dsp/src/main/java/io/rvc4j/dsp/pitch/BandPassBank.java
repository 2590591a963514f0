package io.rvc4j.dsp.pitch;

/**
 * One band of Harvest's filter bank ({@code GetFilteredSignal}, {@code GetFourZeroCrossingIntervals} and
 * {@code GetF0CandidateContour} in WORLD's {@code harvest.cpp}): a Nuttall-windowed cosine centred on the band's
 * boundary f0, applied by FFT; the f0 implied by the spacing of negative- and positive-going zero crossings, peaks and
 * dips, averaged and kept where it stays within 10 % of the band. Buffers are reused across bands.
 */
final class BandPassBank {
    private final DecimatedSignal signal;
    private final RealFft fft;
    private final double[] filter;
    private final double[] filterRe;
    private final double[] filterIm;
    private final double[] filtered;
    private final double[][] locations = new double[4][];
    private final double[][] intervals = new double[4][];
    private final int[] counts = new int[4];

    BandPassBank(DecimatedSignal signal) {
        this.signal = signal;
        int n = signal.fftSize;
        this.fft = new RealFft(n);
        this.filter = new double[n];
        this.filterRe = new double[n / 2 + 1];
        this.filterIm = new double[n / 2 + 1];
        this.filtered = new double[n];
        for (int k = 0; k < 4; k++) {
            locations[k] = new double[signal.length];
            intervals[k] = new double[signal.length];
        }
    }

    /** Fills {@code out} with this band's candidate f0 at each temporal position, 0 where it has none. */
    void candidateContour(double boundaryF0, double f0Floor, double f0Ceil, double[] positions, double[] out) {
        filterBand(boundaryF0);
        int y = signal.length;
        double fs = signal.sampleRate;
        counts[0] = zeroCrossings(filtered, y, fs, locations[0], intervals[0]);
        for (int i = 0; i < y; i++) {
            filtered[i] = -filtered[i];
        }
        counts[1] = zeroCrossings(filtered, y, fs, locations[1], intervals[1]);
        for (int i = 0; i < y - 1; i++) {
            filtered[i] = filtered[i] - filtered[i + 1];
        }
        counts[2] = zeroCrossings(filtered, y - 1, fs, locations[2], intervals[2]);
        for (int i = 0; i < y - 1; i++) {
            filtered[i] = -filtered[i];
        }
        counts[3] = zeroCrossings(filtered, y - 1, fs, locations[3], intervals[3]);
        int frames = positions.length;
        if (counts[0] <= 2 || counts[1] <= 2 || counts[2] <= 2 || counts[3] <= 2) {
            java.util.Arrays.fill(out, 0, frames, 0.0);
            return;
        }
        double[] sum = new double[frames];
        double[] one = new double[frames];
        for (int k = 0; k < 4; k++) {
            WorldMath.interp1(locations[k], intervals[k], counts[k], positions, frames, one);
            for (int i = 0; i < frames; i++) {
                sum[i] += one[i];
            }
        }
        double upper = boundaryF0 * 1.1;
        double lower = boundaryF0 * 0.9;
        for (int i = 0; i < frames; i++) {
            double c = sum[i] / 4.0;
            out[i] = c > upper || c < lower || c > f0Ceil || c < f0Floor ? 0.0 : c;
        }
    }

    private void filterBand(double boundaryF0) {
        int n = signal.fftSize;
        double fs = signal.sampleRate;
        int halfLength = WorldMath.matlabRound(fs / boundaryF0 * 2.0);
        double[] window = WorldMath.nuttallWindow(halfLength * 2 + 1);
        java.util.Arrays.fill(filter, 0.0);
        for (int i = -halfLength; i <= halfLength; i++) {
            filter[i + halfLength] = window[i + halfLength] * Math.cos(2 * Math.PI * boundaryF0 * i / fs);
        }
        fft.forward(filter, filterRe, filterIm);
        multiplyLikeWorld(n);
        fft.inverse(filterRe, filterIm, filtered);
        int bias = halfLength + 1;
        System.arraycopy(filtered, bias, filtered, 0, signal.length);
    }

    /**
     * The spectral product of {@code GetFilteredSignal}, including its in-place mirroring: WORLD writes bin
     * {@code N - i - 1} while it walks i up to N/2, which overwrites bin N/2 with the product at N/2 - 1 before bin N/2
     * is multiplied, and then copies that into bin N/2 - 1. Both bins sit at the Nyquist frequency of the 8 kHz
     * signal, where the decimation filter has left almost nothing, but we keep the arithmetic identical.
     */
    private void multiplyLikeWorld(int n) {
        int half = n / 2;
        double[] yr = signal.spectrumRe;
        double[] yi = signal.spectrumIm;
        double tmp = yr[0] * filterRe[0] - yi[0] * filterIm[0];
        filterIm[0] = yr[0] * filterIm[0] + yi[0] * filterRe[0];
        filterRe[0] = tmp;
        for (int i = 1; i <= half; i++) {
            tmp = yr[i] * filterRe[i] - yi[i] * filterIm[i];
            filterIm[i] = yr[i] * filterIm[i] + yi[i] * filterRe[i];
            filterRe[i] = tmp;
            int mirror = n - i - 1;
            if (mirror <= half) {
                filterRe[mirror] = filterRe[i];
                filterIm[mirror] = filterIm[i];
            }
        }
    }

    /** {@code ZeroCrossingEngine}: f0 and mid-points of successive positive-to-negative crossings; returns the count. */
    private static int zeroCrossings(double[] s, int length, double fs, double[] locations, double[] intervals) {
        int count = 0;
        double previousEdge = 0;
        for (int i = 0; i < length - 1; i++) {
            if (0.0 < s[i] && s[i + 1] <= 0.0) {
                int edge = i + 1;
                double fine = edge - s[edge - 1] / (s[edge] - s[edge - 1]);
                if (count > 0) {
                    intervals[count - 1] = fs / (fine - previousEdge);
                    locations[count - 1] = (previousEdge + fine) / 2.0 / fs;
                }
                previousEdge = fine;
                count++;
            }
        }
        return Math.max(count - 1, 0);
    }
}
