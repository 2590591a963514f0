package io.rvc4j.dsp.pitch;

/**
 * One frame of Boersma's autocorrelation pitch analysis (P. Boersma, "Accurate short-term analysis of the fundamental
 * frequency and the harmonics-to-noise ratio of a sampled sound", IFA Proceedings 17, 1993), following Praat's
 * {@code Sound_into_PitchFrame} for the Hanning-window ("ac", not "very accurate") method: subtract the local mean,
 * window, autocorrelate by FFT, divide by the window's own autocorrelation, take maxima above half the voicing
 * threshold as candidates (parabolic first guess, sinc-interpolated strength, at most {@code maxCandidates} with the
 * octave-cost ranking), then refine each with Brent's search on the sinc-interpolated curve. Holds per-thread buffers.
 */
final class PraatFrameAnalyzer {
    private final PraatPitch.Setup s;
    private final double[] x;
    private final RealFft fft;
    private final double[] frame;
    private final double[] re;
    private final double[] im;
    private final double[] ac;
    /** r[-brentIxmax .. brentIxmax] stored from index 0, so lag i is {@code r[i + brentIxmax]}. */
    private final double[] r;
    private final int[] imax;
    private final double[] position = new double[1];

    PraatFrameAnalyzer(PraatPitch.Setup setup, double[] samples) {
        this.s = setup;
        this.x = samples;
        this.fft = new RealFft(setup.nsampFft());
        this.frame = new double[setup.nsampFft()];
        this.re = new double[setup.nsampFft() / 2 + 1];
        this.im = new double[setup.nsampFft() / 2 + 1];
        this.ac = new double[setup.nsampFft()];
        this.r = new double[2 * setup.brentIxmax() + 1];
        this.imax = new int[setup.maxCandidates()];
    }

    /** Analyses the frame centred at time {@code t} (seconds, Praat's time axis with sample 1 at dx / 2). */
    PitchCandidates analyse(double t) {
        PraatPitch.Setup p = s;
        double dx = p.dx();
        int leftSample = (int) Math.floor((t - p.x1()) / dx + 1.0);
        int rightSample = leftSample + 1;
        double localMean = 0.0;
        for (int i = rightSample - p.nsampPeriod(); i <= leftSample + p.nsampPeriod(); i++) {
            localMean += x[i - 1];
        }
        localMean /= 2 * p.nsampPeriod();
        int start = rightSample - p.halfnsampWindow();
        for (int j = 0; j < p.nsampWindow(); j++) {
            frame[j] = (x[start - 1 + j] - localMean) * p.window()[j];
        }
        java.util.Arrays.fill(frame, p.nsampWindow(), frame.length, 0.0);

        double localPeak = 0.0;
        int from = Math.max(1, p.halfnsampWindow() + 1 - p.halfnsampPeriod());
        int to = Math.min(p.nsampWindow(), p.halfnsampWindow() + p.halfnsampPeriod());
        for (int j = from; j <= to; j++) {
            localPeak = Math.max(localPeak, Math.abs(frame[j - 1]));
        }
        PitchCandidates c = new PitchCandidates(p.maxCandidates());
        c.intensity = localPeak > p.globalPeak() ? 1.0 : localPeak / p.globalPeak();

        autocorrelate();
        int ix = p.brentIxmax();
        r[ix] = 1.0;
        for (int i = 1; i <= ix; i++) {
            double v = ac[i] / (ac[0] * p.windowR()[i]);
            r[ix + i] = v;
            r[ix - i] = v;
        }
        if (localPeak == 0.0) {
            return c;
        }
        findMaxima(c);
        refine(c);
        return c;
    }

    private void autocorrelate() {
        fft.forward(frame, re, im);
        for (int k = 0; k < re.length; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        fft.inverse(re, im, ac);
    }

    private void findMaxima(PitchCandidates c) {
        PraatPitch.Setup p = s;
        int ix = p.brentIxmax();
        double dx = p.dx();
        for (int i = 2; i < p.maximumLag() && i < ix; i++) {
            double ri = r[ix + i];
            double rPrev = r[ix + i - 1];
            double rNext = r[ix + i + 1];
            if (!(ri > 0.5 * p.voicingThreshold() && ri > rPrev && ri >= rNext)) {
                continue;
            }
            double dr = 0.5 * (rNext - rPrev);
            double d2r = (ri - rPrev) + (ri - rNext);
            double frequency = 1.0 / dx / (i + dr / d2r);
            // r as a 1-based vector: element k is lag k - ix - 1
            double strength = SincPeak.interpolate(r, 1.0 / dx / frequency + ix + 1, 30);
            if (strength > 1.0) {
                strength = 1.0 / strength;
            }
            int place = -1;
            if (c.count < p.maxCandidates()) {
                place = c.count++;
            } else {
                double weakest = 2.0;
                for (int w = 1; w < p.maxCandidates(); w++) {
                    double local = c.strength[w] - p.octaveCost() * log2(p.pitchFloor() / c.frequency[w]);
                    if (local < weakest) {
                        weakest = local;
                        place = w;
                    }
                }
                if (strength - p.octaveCost() * log2(p.pitchFloor() / frequency) <= weakest) {
                    place = -1;
                }
            }
            if (place >= 0) {
                c.frequency[place] = frequency;
                c.strength[place] = strength;
                imax[place] = i;
            }
        }
    }

    private void refine(PitchCandidates c) {
        double dx = s.dx();
        int ix = s.brentIxmax();
        for (int i = 1; i < c.count; i++) {
            if (!(c.frequency[i] > 0.0)) {
                continue;
            }
            int depth = c.frequency[i] > 0.3 / dx ? SincPeak.SINC700 : SincPeak.SINC70;
            double ymid = SincPeak.improveMaximum(r, imax[i] + ix + 1, depth, position);
            double xmid = position[0] - ix - 1;
            c.frequency[i] = 1.0 / dx / xmid;
            c.strength[i] = ymid > 1.0 ? 1.0 / ymid : ymid;
        }
    }

    static double log2(double v) {
        return Math.log(v) / Math.log(2.0);
    }
}
