package io.rvc4j.dsp.filter;

/**
 * Digital Butterworth design as SciPy's {@code signal.butter(N, Wn, btype, fs=fs)} does it: analog prototype poles
 * {@code -exp(i·π·m / 2N)} for {@code m = -N+1, -N+3, ..., N-1}, frequency pre-warping, low-pass to high-pass (or
 * low-pass scaling) in zero-pole-gain form, bilinear transform, then expansion to polynomials.
 */
public final class Butterworth {
    /** RVC's conditioning filter: {@code butter(N=5, Wn=48, btype="high", fs=16000)} [RVC pipeline.py, module level]. */
    public static final int RVC_ORDER = 5;
    public static final double RVC_CUTOFF_HZ = 48;
    public static final int RVC_SAMPLE_RATE = 16_000;

    /** Low- or high-pass. */
    public enum Type { LOW_PASS, HIGH_PASS }

    private Butterworth() {
    }

    /** The 48 Hz, 5th-order high-pass RVC applies to 16 kHz input. */
    public static IirCoefficients rvcHighPass() {
        return design(RVC_ORDER, RVC_CUTOFF_HZ, RVC_SAMPLE_RATE, Type.HIGH_PASS);
    }

    /**
     * Designs an order-{@code order} filter with its -3 dB point at {@code cutoffHz}.
     *
     * @throws IllegalArgumentException when the order is below 1 or the cutoff is not inside (0, fs/2)
     */
    public static IirCoefficients design(int order, double cutoffHz, double sampleRate, Type type) {
        if (order < 1 || order > 32) {
            throw new IllegalArgumentException("Butterworth order must be 1..32, got " + order);
        }
        if (!(cutoffHz > 0) || !(cutoffHz < sampleRate / 2)) {
            throw new IllegalArgumentException("Butterworth cutoff must lie in (0, " + sampleRate / 2 + ") Hz, got "
                    + cutoffHz);
        }
        // SciPy normalises Wn to Nyquist and then works with fs = 2
        double wn = 2 * cutoffHz / sampleRate;
        double fs = 2.0;
        double warped = 2 * fs * Math.tan(Math.PI * wn / fs);
        Complex[] poles = new Complex[order];
        for (int i = 0; i < order; i++) {
            int m = -order + 1 + 2 * i;
            double theta = Math.PI * m / (2.0 * order);
            poles[i] = new Complex(-Math.cos(theta), -Math.sin(theta));
        }
        Complex[] zeros;
        double gain;
        Complex[] p = new Complex[order];
        if (type == Type.HIGH_PASS) {
            // lp2hp_zpk: p -> wo / p, zeros at the origin, k -> k * real(1 / prod(-p))
            Complex prodNegP = Complex.ONE;
            for (int i = 0; i < order; i++) {
                p[i] = new Complex(warped, 0).div(poles[i]);
                prodNegP = prodNegP.mul(poles[i].neg());
            }
            zeros = new Complex[order];
            for (int i = 0; i < order; i++) {
                zeros[i] = Complex.ZERO;
            }
            gain = Complex.ONE.div(prodNegP).re;
        } else {
            // lp2lp_zpk: p -> wo * p, k -> k * wo^N
            for (int i = 0; i < order; i++) {
                p[i] = poles[i].scale(warped);
            }
            zeros = new Complex[0];
            gain = Math.pow(warped, order);
        }
        // bilinear_zpk with fs2 = 2 * fs; zeros at infinity map to z = -1
        double fs2 = 2 * fs;
        Complex[] zz = new Complex[order];
        Complex[] pz = new Complex[order];
        Complex num = Complex.ONE;
        Complex den = Complex.ONE;
        for (int i = 0; i < zeros.length; i++) {
            zz[i] = new Complex(fs2, 0).add(zeros[i]).div(new Complex(fs2, 0).sub(zeros[i]));
            num = num.mul(new Complex(fs2, 0).sub(zeros[i]));
        }
        for (int i = zeros.length; i < order; i++) {
            zz[i] = new Complex(-1, 0);
        }
        for (int i = 0; i < order; i++) {
            pz[i] = new Complex(fs2, 0).add(p[i]).div(new Complex(fs2, 0).sub(p[i]));
            den = den.mul(new Complex(fs2, 0).sub(p[i]));
        }
        double k = gain * num.div(den).re;
        double[] b = poly(zz);
        for (int i = 0; i < b.length; i++) {
            b[i] *= k;
        }
        return IirCoefficients.of(b, poly(pz));
    }

    /** Real parts of the coefficients of {@code prod (x - r_i)}, highest power first (numpy.poly). */
    private static double[] poly(Complex[] roots) {
        Complex[] c = {Complex.ONE};
        for (Complex r : roots) {
            Complex[] next = new Complex[c.length + 1];
            next[0] = c[0];
            for (int i = 1; i < c.length; i++) {
                next[i] = c[i].sub(c[i - 1].mul(r));
            }
            next[c.length] = c[c.length - 1].mul(r).neg();
            c = next;
        }
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i].re;
        }
        return out;
    }

    private record Complex(double re, double im) {
        static final Complex ONE = new Complex(1, 0);
        static final Complex ZERO = new Complex(0, 0);

        Complex add(Complex o) {
            return new Complex(re + o.re, im + o.im);
        }

        Complex sub(Complex o) {
            return new Complex(re - o.re, im - o.im);
        }

        Complex mul(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        Complex div(Complex o) {
            double d = o.re * o.re + o.im * o.im;
            return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
        }

        Complex neg() {
            return new Complex(-re, -im);
        }

        Complex scale(double s) {
            return new Complex(re * s, im * s);
        }
    }
}
