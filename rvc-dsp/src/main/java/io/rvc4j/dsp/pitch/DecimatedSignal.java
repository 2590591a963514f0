package io.rvc4j.dsp.pitch;

/**
 * The 8 kHz, DC-free signal Harvest works on, and its spectrum ({@code GetWaveformAndSpectrum} in WORLD's
 * {@code harvest.cpp}). The input is padded with its edge values by 140 samples each side before decimation, as
 * WORLD does for compatibility with the MATLAB original.
 */
final class DecimatedSignal {
    /** Harvest's working rate: {@code target_fs} in {@code Harvest}. */
    static final double TARGET_RATE = 8000.0;
    /** Edge padding before decimation: {@code ceil(140 / ratio) * ratio} in {@code GetWaveformAndSpectrumSub}. */
    private static final int DECIMATION_LAG = 140;

    final double[] samples;
    final int length;
    final double sampleRate;
    final int fftSize;
    final double[] spectrumRe;
    final double[] spectrumIm;

    private DecimatedSignal(double[] samples, int length, double sampleRate, int fftSize, double[] re, double[] im) {
        this.samples = samples;
        this.length = length;
        this.sampleRate = sampleRate;
        this.fftSize = fftSize;
        this.spectrumRe = re;
        this.spectrumIm = im;
    }

    /**
     * Decimates 16 kHz input by 2 (or keeps 8 kHz input), removes the mean and takes an FFT long enough for the
     * widest band-pass filter, whose lowest band is {@code lowestBoundaryF0}.
     */
    static DecimatedSignal of(double[] x, int sampleRate, double lowestBoundaryF0) {
        int ratio = Math.max(Math.min(WorldMath.matlabRound(sampleRate / TARGET_RATE), 12), 1);
        if (ratio != 1 && ratio != 2) {
            throw new IllegalArgumentException("Harvest here supports 8 and 16 kHz input, got " + sampleRate);
        }
        int yLength = (int) Math.ceil((double) x.length / ratio);
        double actualRate = (double) sampleRate / ratio;
        int fftSize = WorldMath.suitableFftSize(yLength + 5 + 2 * (int) (2.0 * actualRate / lowestBoundaryF0));
        double[] y = new double[fftSize];
        if (ratio == 1) {
            System.arraycopy(x, 0, y, 0, x.length);
        } else {
            int lag = (int) (Math.ceil((double) DECIMATION_LAG / ratio) * ratio);
            double[] padded = new double[x.length + 2 * lag];
            java.util.Arrays.fill(padded, 0, lag, x[0]);
            System.arraycopy(x, 0, padded, lag, x.length);
            java.util.Arrays.fill(padded, lag + x.length, padded.length, x[x.length - 1]);
            double[] decimated = WorldMath.decimateBy2(padded, padded.length);
            System.arraycopy(decimated, lag / ratio, y, 0, yLength);
        }
        double mean = 0;
        for (int i = 0; i < yLength; i++) {
            mean += y[i];
        }
        mean /= yLength;
        for (int i = 0; i < yLength; i++) {
            y[i] -= mean;
        }
        double[] re = new double[fftSize / 2 + 1];
        double[] im = new double[fftSize / 2 + 1];
        new RealFft(fftSize).forward(y, re, im);
        return new DecimatedSignal(y, yLength, actualRate, fftSize, re, im);
    }
}
