package io.rvc4j.dsp.pitch;

/**
 * Praat's windowed-sinc interpolation and peak refinement ({@code NUM_interpolate_sinc} before its 2024 rewrite,
 * which is the version parselmouth ships, and {@code NUMimproveMaximum} with {@code NUMminimize_brent}). Vectors are
 * read 1-based, as Praat indexes them: element k of the math is {@code y[k - 1]} here.
 */
final class SincPeak {
    /** Praat's interpolation depths ({@code NUM_VALUE_INTERPOLATE_SINC70}, {@code ..._SINC700}). */
    static final int SINC70 = 70;
    static final int SINC700 = 700;
    private static final double GOLDEN = 1 - 0.6180339887498948482045868343656381177203;
    /** Brent's tolerance in {@code NUMimproveExtremum}. */
    private static final double BRENT_TOLERANCE = 1e-10;
    private static final int BRENT_MAX_ITERATIONS = 60;
    private static final double SQRT_EPSILON = Math.sqrt(Math.ulp(1.0));

    private SincPeak() {
    }

    /** The value at 1-based position {@code x}: raised-cosine-windowed sinc over up to {@code maxDepth} neighbours. */
    static double interpolate(double[] y, double x, int maxDepth) {
        int size = y.length;
        int midleft = (int) Math.floor(x);
        int midright = midleft + 1;
        if (x < 1) {
            return y[0];
        }
        if (x > size) {
            return y[size - 1];
        }
        if (x == midleft) {
            return y[midleft - 1];
        }
        int depth = Math.min(maxDepth, Math.min(midright - 1, size - midleft));
        if (depth <= 0) {
            return y[(int) Math.floor(x + 0.5) - 1];
        }
        if (depth == 1) {
            return y[midleft - 1] + (x - midleft) * (y[midright - 1] - y[midleft - 1]);
        }
        if (depth == 2) {
            double yl = y[midleft - 1];
            double yr = y[midright - 1];
            double dyl = 0.5 * (yr - y[midleft - 2]);
            double dyr = 0.5 * (y[midright] - yl);
            double fil = x - midleft;
            double fir = midright - x;
            return yl * fir + yr * fil - fil * fir * (0.5 * (dyr - dyl) + (fil - 0.5) * (dyl + dyr - 2 * (yr - yl)));
        }
        int left = midright - depth;
        int right = midleft + depth;
        double result = 0.0;
        double a = Math.PI * (x - midleft);
        double halfSinA = 0.5 * Math.sin(a);
        double aa = a / (x - left + 1.0);
        double daa = Math.PI / (x - left + 1.0);
        double cosaa = Math.cos(aa);
        double sinaa = Math.sin(aa);
        double cosdaa = Math.cos(daa);
        double sindaa = Math.sin(daa);
        for (int ix = midleft; ix >= left; ix--) {
            result += y[ix - 1] * (halfSinA / a * (1.0 + cosaa));
            a += Math.PI;
            double help = cosaa * cosdaa - sinaa * sindaa;
            sinaa = cosaa * sindaa + sinaa * cosdaa;
            cosaa = help;
            halfSinA = -halfSinA;
        }
        a = Math.PI * (midright - x);
        halfSinA = 0.5 * Math.sin(a);
        aa = a / (right - x + 1.0);
        daa = Math.PI / (right - x + 1.0);
        cosaa = Math.cos(aa);
        sinaa = Math.sin(aa);
        cosdaa = Math.cos(daa);
        sindaa = Math.sin(daa);
        for (int ix = midright; ix <= right; ix++) {
            result += y[ix - 1] * (halfSinA / a * (1.0 + cosaa));
            a += Math.PI;
            double help = cosaa * cosdaa - sinaa * sindaa;
            sinaa = cosaa * sindaa + sinaa * cosdaa;
            cosaa = help;
            halfSinA = -halfSinA;
        }
        return result;
    }

    /**
     * {@code NUMimproveMaximum} with sinc interpolation: Brent's search on [ixmid - 1, ixmid + 1] for the maximum of
     * the interpolated curve. Returns the maximum; its 1-based position goes to {@code position[0]}.
     */
    static double improveMaximum(double[] y, int ixmid, int depth, double[] position) {
        if (ixmid <= 1) {
            position[0] = 1;
            return y[0];
        }
        if (ixmid >= y.length) {
            position[0] = y.length;
            return y[y.length - 1];
        }
        double a = ixmid - 1;
        double b = ixmid + 1;
        double v = a + GOLDEN * (b - a);
        double fv = -interpolate(y, v, depth);
        double x = v;
        double w = v;
        double fx = fv;
        double fw = fv;
        for (int iter = 1; iter <= BRENT_MAX_ITERATIONS; iter++) {
            double middle = (a + b) / 2.0;
            double tolAct = SQRT_EPSILON * Math.abs(x) + BRENT_TOLERANCE / 3.0;
            double range = b - a;
            if (Math.abs(x - middle) + range / 2.0 <= 2.0 * tolAct) {
                break;
            }
            double step = GOLDEN * (x < middle ? b - x : a - x);
            if (Math.abs(x - w) >= tolAct) {
                double t = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * t;
                q = 2.0 * (q - t);
                if (q > 0.0) {
                    p = -p;
                } else {
                    q = -q;
                }
                if (Math.abs(p) < Math.abs(step * q) && p > q * (a - x + 2.0 * tolAct)
                        && p < q * (b - x - 2.0 * tolAct)) {
                    step = p / q;
                }
            }
            if (Math.abs(step) < tolAct) {
                step = step > 0.0 ? tolAct : -tolAct;
            }
            double t = x + step;
            double ft = -interpolate(y, t, depth);
            if (ft <= fx) {
                if (t < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                w = x;
                x = t;
                fv = fw;
                fw = fx;
                fx = ft;
            } else {
                if (t < x) {
                    a = t;
                } else {
                    b = t;
                }
                if (ft <= fw || w == x) {
                    v = w;
                    w = t;
                    fv = fw;
                    fw = ft;
                } else if (ft <= fv || v == x || v == w) {
                    v = t;
                    fv = ft;
                }
            }
        }
        position[0] = x;
        return -fx;
    }
}
