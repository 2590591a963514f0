package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.engine.nn.Scopes;

/**
 * {@code torch.nn.ConvTranspose1d(cin, cout, k, stride s, padding p)} for DJL's PyTorch engine, which lacks
 * deconvolution (stack probe section 4).
 *
 * <p>Instead of zero-stuffing the input (which spends {@code s - 1} of every {@code s} multiplications on zeros) it
 * runs the polyphase form: output sample {@code t} with {@code t + p = m*s + q} is
 * {@code sum_i sum_a x[i, m - a] * w[i, o, a*s + q]}, a causal conv per phase {@code q}. All {@code s} phases run as
 * ONE conv1d with {@code cout * s} output channels and {@code A = ceil(k / s)} taps (weights rearranged once here),
 * then the phases are interleaved by a reshape and the {@code p} leading samples are cropped. Output length is
 * {@code (L - 1) * s - 2p + k}, as in PyTorch.
 */
final class DjlConvTranspose1d {

    private final NDArray polyphase;
    private final NDArray bias;
    private final int stride;
    private final int padding;
    private final int kernel;
    private final int taps;
    private final long outChannels;

    /**
     * @param weight the effective weight {@code [cin, cout, k]} (weight norm already folded)
     * @param bias {@code [cout]}
     */
    DjlConvTranspose1d(NDArray weight, NDArray bias, int stride, int padding) {
        Shape s = weight.getShape();
        long cin = s.get(0);
        this.outChannels = s.get(1);
        this.kernel = (int) s.get(2);
        this.stride = stride;
        this.padding = padding;
        this.taps = (kernel + stride - 1) / stride;
        // [cin, cout, A*s] -> [cin, cout, A, s] -> tap order reversed (cross-correlation) -> [cout, s, cin, A].
        long extra = (long) taps * stride - kernel;
        this.polyphase = Scopes.keep(weight, w -> {
            NDArray padded = extra == 0 ? w
                    : w.concat(w.getManager().zeros(new Shape(cin, outChannels, extra), w.getDataType()), 2);
            return padded.reshape(cin, outChannels, taps, stride).flip(2).transpose(1, 3, 0, 2)
                    .reshape(outChannels * stride, cin, taps);
        });
        this.bias = bias.reshape(1, outChannels, 1);
    }

    /** {@code x [1, cin, L]} to {@code [1, cout, (L - 1) * s - 2p + k]}. */
    NDArray apply(NDArray x) {
        long length = x.getShape().get(2);
        long m = length + taps - 1;
        long outLength = (length - 1) * stride - 2L * padding + kernel;
        try (NDArray phases = DjlOps.conv1d(x, polyphase, null, 1, taps - 1, 1);
                NDArray split = phases.reshape(1, outChannels, stride, m);
                NDArray swapped = split.transpose(0, 1, 3, 2);
                NDArray interleaved = swapped.reshape(1, outChannels, m * stride);
                NDArray cropped = interleaved.get(new NDIndex(":, :, {}:{}", padding, padding + outLength))) {
            return cropped.add(bias);
        }
    }
}
