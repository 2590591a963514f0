package io.rvc4j.dsp.resample;

/**
 * One rate pair's Kaiser-windowed sinc filter, either as {@code L} exact phase filters or as a finely sampled kernel
 * read with linear interpolation (when {@code L} is too large for a table, e.g. 44101 to 44100 Hz).
 */
final class PolyphaseFilter {
    private final int up;
    private final int down;
    /** Taps per phase is {@code 2 * half}; tap {@code d} (from {@code -half + 1}) multiplies input {@code i + d}. */
    private final int half;
    /** [phase][tap], or null on the interpolated path. */
    private final double[][] phases;
    /** Kernel at t = n / fine for n = 0..; symmetric. Null on the exact path. */
    private final double[] kernel;
    private final int fine;
    private final double support;

    private PolyphaseFilter(int up, int down, int half, double[][] phases, double[] kernel, int fine, double support) {
        this.up = up;
        this.down = down;
        this.half = half;
        this.phases = phases;
        this.kernel = kernel;
        this.fine = fine;
        this.support = support;
    }

    static PolyphaseFilter design(int from, int to, double passband, double stopband, double stopbandDb,
            int maxTable, int fine) {
        int g = gcd(from, to);
        int up = to / g;
        int down = from / g;
        double scale = Math.min(1.0, (double) to / from);
        double transition = (stopband - passband) * 0.5 * scale;
        double cutoff = 0.5 * scale * (passband + stopband) / 2;
        double beta = Kaiser.beta(stopbandDb);
        double support = Kaiser.length(stopbandDb, transition) / 2;
        int half = (int) Math.ceil(support);
        Kernel k = new Kernel(cutoff, beta, support);
        if ((long) up * 2 * half <= maxTable) {
            double[][] phases = new double[up][2 * half];
            for (int p = 0; p < up; p++) {
                double frac = (double) p / up;
                for (int d = -half + 1; d <= half; d++) {
                    phases[p][d + half - 1] = k.at(frac - d);
                }
            }
            return new PolyphaseFilter(up, down, half, phases, null, fine, support);
        }
        double[] kernel = new double[(int) Math.ceil(support * fine) + 2];
        for (int n = 0; n < kernel.length; n++) {
            kernel[n] = k.at((double) n / fine);
        }
        return new PolyphaseFilter(up, down, half, null, kernel, fine, support);
    }

    float[] apply(float[] x, int outLength) {
        float[] y = new float[outLength];
        int n = x.length;
        for (int k = 0; k < outLength; k++) {
            long pos = (long) k * down;
            int i = (int) (pos / up);
            int p = (int) (pos % up);
            int first = i - half + 1;
            double acc = 0;
            if (phases != null) {
                double[] h = phases[p];
                int lo = Math.max(0, -first);
                int hi = Math.min(h.length, n - first);
                // Four independent sums: the JIT cannot reorder one floating-point reduction, it can run four.
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                double a3 = 0;
                int t = lo;
                for (; t + 3 < hi; t += 4) {
                    int j = first + t;
                    a0 += h[t] * x[j];
                    a1 += h[t + 1] * x[j + 1];
                    a2 += h[t + 2] * x[j + 2];
                    a3 += h[t + 3] * x[j + 3];
                }
                for (; t < hi; t++) {
                    a0 += h[t] * x[first + t];
                }
                acc = (a0 + a1) + (a2 + a3);
            } else {
                double frac = (double) p / up;
                int lo = Math.max(first, 0);
                int hi = Math.min(i + half, n - 1);
                for (int j = lo; j <= hi; j++) {
                    acc += interpolated(Math.abs(frac + i - j)) * x[j];
                }
            }
            y[k] = (float) acc;
        }
        return y;
    }

    private double interpolated(double t) {
        if (t >= support) {
            return 0;
        }
        double pos = t * fine;
        int idx = (int) pos;
        double w = pos - idx;
        return kernel[idx] + w * (kernel[idx + 1] - kernel[idx]);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The continuous windowed-sinc kernel; t in input samples. */
    private record Kernel(double cutoff, double beta, double support) {
        double at(double t) {
            double a = Math.abs(t);
            if (a >= support) {
                return 0;
            }
            double x = 2 * cutoff * t;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = a / support;
            return 2 * cutoff * sinc * Kaiser.window(beta, r);
        }
    }
}
