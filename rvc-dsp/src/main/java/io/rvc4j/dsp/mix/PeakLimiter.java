package io.rvc4j.dsp.mix;

/**
 * A look-ahead brick-wall peak limiter for whole clips (offline, so the look-ahead costs no latency). Per frame the
 * gain needed to keep the loudest channel at the ceiling is {@code min(1, ceiling / peak)}; its minimum over the
 * next {@code lookahead} frames, averaged over a window of the same length, gives a gain that ramps down linearly
 * over the look-ahead and is already at the needed value when the peak arrives (every value in the averaging window
 * is at most the peak's gain). Recovery is exponential with the release time constant and never rises above that
 * envelope, so the ceiling holds exactly; a final clamp only absorbs float rounding. All channels share the gain.
 */
public final class PeakLimiter {
    /** -0.1 dBFS: the ceiling of the mixer's LIMIT policy. */
    public static final double DEFAULT_CEILING_DB = -0.1;
    /** 5 ms look-ahead = attack ramp: shorter than a drum transient's rise, long enough to avoid audible clicks. */
    public static final double DEFAULT_LOOKAHEAD_SECONDS = 0.005;
    /** 80 ms release time constant: no audible pumping on short peaks, recovers well within a beat. */
    public static final double DEFAULT_RELEASE_SECONDS = 0.080;

    private final double ceiling;
    private final double lookaheadSeconds;
    private final double releaseSeconds;

    public PeakLimiter() {
        this(DEFAULT_CEILING_DB, DEFAULT_LOOKAHEAD_SECONDS, DEFAULT_RELEASE_SECONDS);
    }

    public PeakLimiter(double ceilingDb, double lookaheadSeconds, double releaseSeconds) {
        if (!(ceilingDb <= 0) || !(lookaheadSeconds > 0) || !(releaseSeconds > 0)) {
            throw new IllegalArgumentException("need ceiling <= 0 dB and positive times");
        }
        this.ceiling = Math.pow(10, ceilingDb / 20);
        this.lookaheadSeconds = lookaheadSeconds;
        this.releaseSeconds = releaseSeconds;
    }

    public double ceiling() {
        return ceiling;
    }

    /** Limits the channels in place. */
    public void process(float[][] channels, int sampleRate) {
        int n = channels[0].length;
        if (n == 0) {
            return;
        }
        int look = Math.max(1, (int) Math.round(lookaheadSeconds * sampleRate));
        double[] needed = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            double peak = 0;
            for (float[] ch : channels) {
                peak = Math.max(peak, Math.abs(ch[i]));
            }
            needed[i] = peak > ceiling ? ceiling / peak : 1.0;
            any |= peak > ceiling;
        }
        if (!any) {
            return;
        }
        double[] ahead = SlidingMinimum.forward(needed, look);
        double release = Math.exp(-1.0 / (releaseSeconds * sampleRate));
        double sum = look; // window of 'look' values before index 0, all 1.0
        double gain = 1.0;
        for (int i = 0; i < n; i++) {
            sum += ahead[i] - (i >= look ? ahead[i - look] : 1.0);
            double envelope = Math.min(1.0, sum / look);
            double recovered = 1.0 - (1.0 - gain) * release;
            gain = Math.min(envelope, recovered);
            for (float[] ch : channels) {
                float v = (float) (ch[i] * gain);
                ch[i] = Math.max((float) -ceiling, Math.min((float) ceiling, v));
            }
        }
    }
}
