package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;

/**
 * The few tensor operations the synthesizer is built from, in PyTorch semantics. Every helper takes the per-call
 * array first, so results land in the per-call array's manager and never in the model's.
 */
final class DjlOps {

    /** Leaky ReLU slope of every HiFi-GAN / WN activation (RVC {@code modules.LRELU_SLOPE}). */
    static final float LRELU_SLOPE = 0.1f;

    private DjlOps() {
    }

    /** {@code torch.nn.functional.conv1d(x, w, b, stride, padding, dilation)}; {@code b} may be null. */
    static NDArray conv1d(NDArray x, NDArray w, NDArray b, int stride, int padding, int dilation) {
        return Conv1d.conv1d(x, w, b, new Shape(stride), new Shape(padding), new Shape(dilation), 1)
                .singletonOrThrow();
    }

    /** A stride-1 "same" conv with an odd kernel: padding {@code dilation * (k - 1) / 2}. */
    static NDArray conv1dSame(NDArray x, NDArray w, NDArray b, int dilation) {
        long k = w.getShape().get(2);
        return conv1d(x, w, b, 1, (int) (dilation * (k - 1) / 2), dilation);
    }

    static NDArray leakyRelu(NDArray x, float slope) {
        return Activation.leakyRelu(x, slope);
    }

    /**
     * RVC {@code modules.LayerNorm}: normalises {@code [1, C, T]} over the channel axis at each time step (biased
     * variance, eps 1e-5), then {@code * gamma + beta} per channel ({@code gamma}, {@code beta} as {@code [1, C, 1]}).
     */
    static NDArray layerNormChannels(NDArray x, NDArray gamma, NDArray beta) {
        NDArray centred = x.sub(x.mean(new int[] {1}, true));
        NDArray var = centred.square().mean(new int[] {1}, true);
        return centred.div(var.add(LAYER_NORM_EPS).sqrt()).mul(gamma).add(beta);
    }

    /** eps of {@code modules.LayerNorm} (RVC attentions / modules). */
    static final float LAYER_NORM_EPS = 1e-5f;

    /** A contiguous transposed copy of a 2-D model constant; the source and the view are freed. */
    static NDArray transposedCopy(NDArray a) {
        NDArray view = a.transpose();
        NDArray copy = view.duplicate();
        view.close();
        a.close();
        return copy;
    }

}
