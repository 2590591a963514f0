package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The NSF excitation {@code har} (RVC {@code SourceModuleHnNSF} over {@code SineGen} with harmonic_num 0, reference
 * note section 2.7.3), computed on the device as the 20240604 reference does it.
 *
 * <p>Per frame {@code l} and sample {@code j = 0..upp-1}: {@code rad = f0[l]/sr * (j+1)} plus a per-frame offset,
 * the running sum over earlier frames of their whole-frame advance wrapped to [-0.5, 0.5) and then taken modulo 1
 * (phase includes the current sample, so it starts at {@code f0[0]/sr}). Then {@code e = 0.1 sin(2π rad) uv + noise}
 * with noise std 0.003 voiced and 0.1/3 unvoiced, and {@code har = tanh(w e + b)} with {@code l_linear}.
 */
final class DjlSineSource {

    /** SineGen {@code sine_amp}. */
    static final float SINE_AMP = 0.1f;
    /** SineGen {@code noise_std} (voiced frames). */
    static final float NOISE_STD = 0.003f;
    /** Noise std in unvoiced frames: {@code sine_amp / 3}. */
    static final float UNVOICED_NOISE_STD = SINE_AMP / 3;
    /** f0 above this is voiced ({@code voiced_threshold}). */
    static final float VOICED_THRESHOLD = 0f;

    private final float sampleRate;
    private final int upp;
    private final float linearWeight;
    private final float linearBias;

    DjlSineSource(DjlWeights w, int sampleRate, int upp) {
        this.sampleRate = sampleRate;
        this.upp = upp;
        // Linear(1, 1): two scalars, kept on the Java side so the source needs no matmul.
        try (NDArray lw = w.get("dec.m_source.l_linear.weight", 1, 1);
                NDArray lb = w.get("dec.m_source.l_linear.bias", 1)) {
            this.linearWeight = lw.getFloat(0, 0);
            this.linearBias = lb.getFloat(0);
        }
    }

    /**
     * @param f0 {@code [1, T]} Hz (0 = unvoiced)
     * @param noise false for the deterministic path (no noise draw)
     * @return {@code har [1, 1, T * upp]}
     */
    NDArray apply(NDArray f0, boolean noise) {
        long t = f0.getShape().get(1);
        NDManager m = f0.getManager();
        NDArray frames = f0.reshape(1, t, 1);
        NDArray steps = m.arange(1f, upp + 1f, 1f, DataType.FLOAT32).reshape(1, 1, upp);
        NDArray rad = frames.div(sampleRate).mul(steps);
        if (t > 1) {
            NDArray advance = rad.get(new NDIndex(":, 0:{}, {}:", t - 1, upp - 1)).add(0.5f).mod(1f).sub(0.5f);
            NDArray offset = advance.cumSum(1).mod(1f).pad(new Shape(0, 0, 1, 0), 0);
            rad = rad.add(offset);
        }
        NDArray sine = rad.reshape(1, t * upp).mul((float) (2 * Math.PI)).sin().mul(SINE_AMP);
        NDArray uv = frames.gt(VOICED_THRESHOLD).toType(DataType.FLOAT32, false).repeat(2, upp).reshape(1, t * upp);
        NDArray excitation = sine.mul(uv);
        if (noise) {
            NDArray std = uv.mul(NOISE_STD - UNVOICED_NOISE_STD).add(UNVOICED_NOISE_STD);
            excitation = excitation.add(std.mul(m.randomNormal(new Shape(1, t * upp))));
        }
        return excitation.mul(linearWeight).add(linearBias).tanh().reshape(1, 1, t * upp);
    }
}
