package io.rvc4j.dsp.effects;

/**
 * pedalboard's {@code Compressor} = {@code juce::dsp::Compressor<float>} (aicovergen-pipeline.md 6.2): a
 * {@code BallisticsFilter} peak detector (attack/release one-pole smoother on the rectified sample), then a hard-knee
 * gain {@code (env / threshold)^(1/ratio - 1)} above the threshold; no make-up gain, no look-ahead, no stereo link.
 *
 * <p>The rectifier is {@code std::abs}, as in JUCE's {@code juce_BallisticsFilter.cpp} (every stored JUCE 6/7
 * version, e.g. juce-framework/JUCE@26d0730); the research note's "max(0, x)" is not what that source does.
 * One instance serves one channel.
 */
public final class JuceCompressor {
    /** AICoverGen's settings: Compressor(ratio=4, threshold_db=-15), pedalboard's default attack and release. */
    public static final float AICOVERGEN_THRESHOLD_DB = -15f;
    public static final float AICOVERGEN_RATIO = 4f;
    public static final float DEFAULT_ATTACK_MS = 1f;
    public static final float DEFAULT_RELEASE_MS = 100f;
    /** JUCE decibelsToGain's floor. */
    private static final float MINUS_INFINITY_DB = -200f;

    private final float threshold;
    private final float thresholdInverse;
    private final float ratioInverse;
    private final float cteAttack;
    private final float cteRelease;
    private float envelope;

    public JuceCompressor(double sampleRate, float thresholdDb, float ratio, float attackMs, float releaseMs) {
        if (!(ratio >= 1f)) {
            throw new IllegalArgumentException("Compressor ratio must be a value >= 1.0, got " + ratio);
        }
        this.threshold = thresholdDb > MINUS_INFINITY_DB ? (float) Math.pow(10f, thresholdDb * 0.05f) : 0f;
        this.thresholdInverse = 1f / threshold;
        this.ratioInverse = 1f / ratio;
        double expFactor = -2.0 * Math.PI * 1000.0 / sampleRate;
        this.cteAttack = limitedCte(expFactor, attackMs);
        this.cteRelease = limitedCte(expFactor, releaseMs);
    }

    /** AICoverGen's compressor at {@code sampleRate}. */
    public static JuceCompressor aiCoverGen(double sampleRate) {
        return new JuceCompressor(sampleRate, AICOVERGEN_THRESHOLD_DB, AICOVERGEN_RATIO, DEFAULT_ATTACK_MS,
                DEFAULT_RELEASE_MS);
    }

    /** {cteAT, cteRL}: the detector's smoothing constants. */
    public float[] ballistics() {
        return new float[] {cteAttack, cteRelease};
    }

    /** Compresses {@code x} in place. */
    public void process(float[] x) {
        float y = envelope;
        for (int i = 0; i < x.length; i++) {
            float in = x[i];
            float v = Math.abs(in);
            float cte = v > y ? cteAttack : cteRelease;
            y = v + cte * (y - v);
            float gain = y < threshold ? 1f : (float) Math.pow(y * thresholdInverse, ratioInverse - 1f);
            x[i] = gain * in;
        }
        envelope = y;
    }

    private static float limitedCte(double expFactor, float timeMs) {
        return timeMs < 1.0e-3f ? 0f : (float) Math.exp(expFactor / timeMs);
    }
}
