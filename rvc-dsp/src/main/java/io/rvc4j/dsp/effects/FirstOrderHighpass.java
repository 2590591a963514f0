package io.rvc4j.dsp.effects;

/**
 * pedalboard's {@code HighpassFilter}: JUCE {@code IIR::Coefficients<float>::makeFirstOrderHighPass} run by
 * {@code IIR::Filter<float>} in transposed direct form II, in 32-bit float like JUCE (aicovergen-pipeline.md 6.1).
 * With {@code n = tan(pi fc / fs)}: {@code b0 = 1/(n+1)}, {@code b1 = -b0}, {@code a1 = (n-1)/(n+1)}.
 * One instance filters one channel; the state carries across {@link #process} calls.
 */
public final class FirstOrderHighpass {
    /** pedalboard's default cutoff, the one AICoverGen uses. */
    public static final float DEFAULT_CUTOFF_HZ = 50f;
    /** JUCE snaps the state to zero below this at the end of each block (util::snapToZero, x86 builds). */
    private static final float SNAP = 1.0e-8f;
    /** pedalboard processes at most this many samples per JUCE block. */
    static final int BLOCK = 8192;

    private final float b0;
    private final float b1;
    private final float a1;
    private float state;

    public FirstOrderHighpass(double sampleRate, float cutoffHz) {
        if (!(sampleRate > 0) || !(cutoffHz > 0) || cutoffHz >= sampleRate / 2) {
            throw new IllegalArgumentException("need 0 < cutoff < rate/2, got " + cutoffHz + " Hz at " + sampleRate);
        }
        float n = (float) Math.tan((float) Math.PI * cutoffHz / (float) sampleRate);
        float a0Inverse = 1f / (n + 1f);
        this.b0 = 1f * a0Inverse;
        this.b1 = -1f * a0Inverse;
        this.a1 = (n - 1f) * a0Inverse;
    }

    /** The normalised coefficients {b0, b1, a1}. */
    public float[] coefficients() {
        return new float[] {b0, b1, a1};
    }

    /** Filters {@code x} in place. */
    public void process(float[] x) {
        float s = state;
        for (int start = 0; start < x.length; start += BLOCK) {
            int end = Math.min(x.length, start + BLOCK);
            for (int i = start; i < end; i++) {
                float in = x[i];
                float out = in * b0 + s;
                x[i] = out;
                s = in * b1 - out * a1;
            }
            if (-SNAP < s && s < SNAP) {
                s = 0f;
            }
        }
        state = s;
    }
}
