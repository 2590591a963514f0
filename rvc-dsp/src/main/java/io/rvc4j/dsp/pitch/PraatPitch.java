package io.rvc4j.dsp.pitch;

import java.util.stream.IntStream;

/**
 * Praat's "To Pitch (ac)" (Boersma 1993; Praat {@code Sound_to_Pitch_any} with the Hanning window, 3 periods of the
 * pitch floor per window), which is what RVC's {@code pm} method runs through parselmouth. Frames are fitted
 * symmetrically into the signal ({@code Sampled_shortTermAnalysis}), so the first frame is centred half a window in;
 * each frame yields candidates ({@link PraatFrameAnalyzer}) and a Viterbi path picks one per frame
 * ({@link PitchPathFinder}). Thread-safe; frames are analysed in parallel with identical results.
 */
public final class PraatPitch {
    /** Periods of the pitch floor per analysis window for the ac method. */
    private static final double PERIODS_PER_WINDOW = 3.0;
    /** Interpolation depth of the Hanning ac method (lags up to half the window are kept). */
    private static final double INTERPOLATION_DEPTH = 0.5;

    /** Praat's "To Pitch (ac)" settings. */
    public record Settings(double timeStep, double pitchFloor, double pitchCeiling, int maxCandidates,
            double silenceThreshold, double voicingThreshold, double octaveCost, double octaveJumpCost,
            double voicedUnvoicedCost) {
        public Settings {
            if (!(timeStep > 0) || !(pitchFloor > 0) || !(pitchCeiling > pitchFloor) || maxCandidates < 2) {
                throw new IllegalArgumentException("need time step > 0, 0 < floor < ceiling, >= 2 candidates");
            }
        }

        /**
         * RVC's call: {@code to_pitch_ac(time_step=0.01, voicing_threshold=0.6, pitch_floor=50, pitch_ceiling=1100)}
         * with Praat's other defaults (15 candidates, silence 0.03, octave cost 0.01, octave-jump cost 0.35,
         * voiced/unvoiced cost 0.14).
         */
        public static Settings rvc() {
            return new Settings(0.01, 50, 1100, 15, 0.03, 0.6, 0.01, 0.35, 0.14);
        }
    }

    /** Derived constants of one analysis (names as in {@code Sound_to_Pitch_any}); x1 is the first sample's time. */
    record Setup(double dx, double x1, int nsampPeriod, int halfnsampPeriod, int nsampWindow, int halfnsampWindow,
            int maximumLag, int nsampFft, int brentIxmax, int maxCandidates, double pitchFloor, double pitchCeiling,
            double voicingThreshold, double octaveCost, double globalPeak, double[] window, double[] windowR) {
    }

    private final Settings settings;

    public PraatPitch(Settings settings) {
        this.settings = settings;
    }

    /** Frames Praat makes for {@code length} samples at {@code sampleRate}; 0 when the signal is shorter than a window. */
    public int frameCount(int length, double sampleRate) {
        double duration = (1.0 / sampleRate) * length;
        double window = PERIODS_PER_WINDOW / settings.pitchFloor();
        return window > duration ? 0 : (int) Math.floor((duration - window) / settings.timeStep()) + 1;
    }

    /** Centre time (s) of frame 0, with time 0 at the start of the first sample. */
    public double firstFrameTime(int length, double sampleRate) {
        // Praat's duration is nx * dx with dx = 1 / fs; the same rounding decides the frame count at exact fits
        double duration = (1.0 / sampleRate) * length;
        int frames = frameCount(length, sampleRate);
        return 0.5 * duration - 0.5 * frames * settings.timeStep() + 0.5 * settings.timeStep();
    }

    /**
     * The selected f0 per frame in Hz, 0 where unvoiced ({@code selected_array['frequency']} in parselmouth).
     *
     * @throws IllegalArgumentException when the signal is shorter than one window (3 / pitch floor seconds)
     */
    public double[] estimate(double[] x, double sampleRate) {
        int frames = frameCount(x.length, sampleRate);
        if (frames < 1) {
            throw new IllegalArgumentException("signal of " + x.length + " samples is shorter than one "
                    + PERIODS_PER_WINDOW / settings.pitchFloor() + " s analysis window");
        }
        Setup setup = setup(x, sampleRate);
        double t1 = firstFrameTime(x.length, sampleRate);
        double[] f0 = new double[frames];
        if (setup.globalPeak() == 0.0) {
            return f0;
        }
        PitchCandidates[] candidates = new PitchCandidates[frames];
        ThreadLocal<PraatFrameAnalyzer> analyzers = ThreadLocal.withInitial(() -> new PraatFrameAnalyzer(setup, x));
        IntStream.range(0, frames).parallel()
                .forEach(i -> candidates[i] = analyzers.get().analyse(t1 + i * settings.timeStep()));
        new PitchPathFinder(settings, settings.timeStep()).choose(candidates);
        for (int i = 0; i < frames; i++) {
            f0[i] = candidates[i].frequency[0];
        }
        return f0;
    }

    private Setup setup(double[] x, double sampleRate) {
        double dx = 1.0 / sampleRate;
        double floor = settings.pitchFloor();
        int maxCandidates = settings.maxCandidates();
        if (maxCandidates < settings.pitchCeiling() / floor) {
            maxCandidates = (int) Math.floor(settings.pitchCeiling() / floor);
        }
        int nsampPeriod = (int) Math.floor(1.0 / dx / floor);
        double ceiling = Math.min(settings.pitchCeiling(), 0.5 / dx);
        double dtWindow = PERIODS_PER_WINDOW / floor;
        int halfnsampWindow = (int) Math.floor(dtWindow / dx) / 2 - 1;
        int nsampWindow = halfnsampWindow * 2;
        int maximumLag = Math.min((int) Math.floor(nsampWindow / PERIODS_PER_WINDOW) + 2, nsampWindow);
        int nsampFft = 1;
        while (nsampFft < nsampWindow * (1 + INTERPOLATION_DEPTH)) {
            nsampFft *= 2;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double globalPeak = 0;
        for (double v : x) {
            globalPeak = Math.max(globalPeak, Math.abs(v - mean));
        }
        double[] window = new double[nsampWindow];
        for (int i = 1; i <= nsampWindow; i++) {
            window[i - 1] = 0.5 - 0.5 * Math.cos(i * 2 * Math.PI / (nsampWindow + 1));
        }
        return new Setup(dx, 0.5 * dx, nsampPeriod, nsampPeriod / 2 + 1, nsampWindow, halfnsampWindow, maximumLag,
                nsampFft, (int) Math.floor(nsampWindow * INTERPOLATION_DEPTH), maxCandidates, floor, ceiling,
                settings.voicingThreshold(), settings.octaveCost(), globalPeak, window,
                windowAutocorrelation(window, nsampFft));
    }

    /** The window's autocorrelation normalised to 1 at lag 0, by FFT as Praat computes it. */
    private static double[] windowAutocorrelation(double[] window, int nsampFft) {
        double[] padded = java.util.Arrays.copyOf(window, nsampFft);
        double[] re = new double[nsampFft / 2 + 1];
        double[] im = new double[nsampFft / 2 + 1];
        RealFft fft = new RealFft(nsampFft);
        fft.forward(padded, re, im);
        for (int k = 0; k < re.length; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        double[] r = new double[nsampFft];
        fft.inverse(re, im, r);
        for (int i = window.length - 1; i >= 1; i--) {
            r[i] /= r[0];
        }
        r[0] = 1.0;
        return r;
    }
}
