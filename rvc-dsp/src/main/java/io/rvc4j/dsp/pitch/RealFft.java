package io.rvc4j.dsp.pitch;

/**
 * A radix-2 real FFT with FFTW's conventions, as WORLD's {@code fft_plan_dft_r2c_1d} / {@code c2r} use them: the forward
 * transform is {@code X[k] = sum x[n] e^{-2 pi i k n / N}} for k = 0..N/2, the inverse is unnormalised and reads only
 * the real parts of bins 0 and N/2. One instance per size; it keeps its twiddles and scratch buffers, so it is not
 * thread-safe.
 */
final class RealFft {
    private final int n;
    private final int half;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReverse;
    private final double[] re;
    private final double[] im;

    RealFft(int size) {
        if (size < 4 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + size);
        }
        n = size;
        half = size / 2;
        cos = new double[half];
        sin = new double[half];
        for (int k = 0; k < half; k++) {
            double a = -2 * Math.PI * k / n;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
        bitReverse = new int[half];
        int bits = Integer.numberOfTrailingZeros(half);
        for (int i = 0; i < half; i++) {
            bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        re = new double[half];
        im = new double[half];
    }

    int size() {
        return n;
    }

    /** Forward transform of {@code x} (length N, read only) into {@code outRe}/{@code outIm} (length N/2 + 1). */
    void forward(double[] x, double[] outRe, double[] outIm) {
        for (int i = 0; i < half; i++) {
            int j = bitReverse[i];
            re[j] = x[2 * i];
            im[j] = x[2 * i + 1];
        }
        butterflies(false);
        outRe[0] = re[0] + im[0];
        outIm[0] = 0;
        outRe[half] = re[0] - im[0];
        outIm[half] = 0;
        for (int k = 1; k < half; k++) {
            double zr = re[k];
            double zi = im[k];
            double cr = re[half - k];
            double ci = -im[half - k];
            double er = 0.5 * (zr + cr);
            double ei = 0.5 * (zi + ci);
            double or = 0.5 * (zi - ci);
            double oi = -0.5 * (zr - cr);
            outRe[k] = er + cos[k] * or - sin[k] * oi;
            outIm[k] = ei + cos[k] * oi + sin[k] * or;
        }
    }

    /**
     * Unnormalised inverse of a half spectrum (length N/2 + 1) into {@code out} (length N); the imaginary parts of bins 0
     * and N/2 are ignored, as in FFTW and WORLD.
     */
    void inverse(double[] specRe, double[] specIm, double[] out) {
        for (int k = 0; k < half; k++) {
            double ar = specRe[k];
            double ai = k == 0 ? 0 : specIm[k];
            double br = specRe[half - k];
            double bi = k == 0 ? 0 : -specIm[half - k];
            double er = ar + br;
            double ei = ai + bi;
            double dr = ar - br;
            double di = ai - bi;
            // times conj twiddle (e^{+i...})
            double orr = dr * cos[k] + di * sin[k];
            double oi = di * cos[k] - dr * sin[k];
            int j = bitReverse[k];
            re[j] = er - oi;
            im[j] = ei + orr;
        }
        butterflies(true);
        for (int i = 0; i < half; i++) {
            out[2 * i] = re[i];
            out[2 * i + 1] = im[i];
        }
    }

    private void butterflies(boolean inverse) {
        for (int len = 2; len <= half; len <<= 1) {
            int step = n / len;
            int h = len >> 1;
            for (int start = 0; start < half; start += len) {
                for (int k = 0; k < h; k++) {
                    double wr = cos[k * step];
                    double wi = inverse ? -sin[k * step] : sin[k * step];
                    int a = start + k;
                    int b = a + h;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
