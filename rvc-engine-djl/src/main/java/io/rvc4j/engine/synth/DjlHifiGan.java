package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The decoder {@code dec}: RVC {@code GeneratorNSF} for f0 models and the plain HiFi-GAN {@code Generator} for
 * no-f0 models (reference note sections 2.7-2.8).
 *
 * <p>{@code conv_pre(z) + cond(g)}, then per stage: leaky ReLU 0.1, transposed-conv upsampling, plus (NSF only) the
 * stage's strided conv of the source {@code har}, then the mean of the stage's ResBlock1s; finally leaky ReLU with
 * slope 0.01, {@code conv_post} (no bias) and tanh.
 */
final class DjlHifiGan {

    /** Slope of the last activation: {@code F.leaky_relu} default, not LRELU_SLOPE (reference note trap 2). */
    static final float FINAL_SLOPE = 0.01f;
    /** Kernel of conv_pre and conv_post (padding 3). */
    static final int OUTER_KERNEL = 7;

    private final NDArray preW;
    private final NDArray preB;
    private final NDArray condW;
    private final NDArray condB;
    private final DjlConvTranspose1d[] ups;
    private final NDArray[] noiseW;
    private final NDArray[] noiseB;
    private final int[] noiseStride;
    private final ResBlock[][] resblocks;
    private final NDArray postW;

    /** ResBlock1: three (dilated conv, conv) pairs with leaky ReLU 0.1 before each conv, residual after each pair. */
    private record ResBlock(NDArray[] w1, NDArray[] b1, NDArray[] w2, NDArray[] b2, List<Integer> dilations) {
        NDArray apply(NDArray x) {
            NDArray out = x;
            for (int p = 0; p < w1.length; p++) {
                // Each temporary is freed as soon as the next one exists (as Python's refcounting does), so a
                // block holds at most three activations instead of all eighteen (performance.md, "memory").
                NDArray a = DjlOps.leakyRelu(out, DjlOps.LRELU_SLOPE);
                NDArray t = DjlOps.conv1dSame(a, w1[p], b1[p], dilations.get(p));
                a.close();
                a = DjlOps.leakyRelu(t, DjlOps.LRELU_SLOPE);
                t.close();
                t = DjlOps.conv1dSame(a, w2[p], b2[p], 1);
                a.close();
                t.addi(out); // t + out, in place
                if (out != x) {
                    out.close();
                }
                out = t;
            }
            return out;
        }
    }

    DjlHifiGan(DjlWeights w, SynthesizerConfig c) {
        long c0 = c.upsampleInitialChannel();
        List<Integer> rates = c.upsampleRates();
        int n = rates.size();
        this.preW = w.get("dec.conv_pre.weight", c0, c.interChannels(), OUTER_KERNEL);
        this.preB = w.get("dec.conv_pre.bias", c0);
        this.condW = w.get("dec.cond.weight", c0, c.ginChannels(), 1);
        this.condB = w.get("dec.cond.bias", c0);
        this.ups = new DjlConvTranspose1d[n];
        this.noiseW = new NDArray[n];
        this.noiseB = new NDArray[n];
        this.noiseStride = new int[n];
        this.resblocks = new ResBlock[n][];
        int kinds = c.resblockKernelSizes().size();
        for (int i = 0; i < n; i++) {
            long cin = c0 >> i;
            long cout = c0 >> (i + 1);
            int u = rates.get(i);
            int k = c.upsampleKernelSizes().get(i);
            NDArray upW = w.normed("dec.ups." + i, cin, cout, k);
            ups[i] = new DjlConvTranspose1d(upW, w.get("dec.ups." + i + ".bias", cout), u, (k - u) / 2);
            upW.close();
            if (c.f0()) {
                int s = rates.subList(i + 1, n).stream().reduce(1, (a, b) -> a * b);
                noiseStride[i] = s;
                int nk = i + 1 < n ? 2 * s : 1;
                noiseW[i] = w.get("dec.noise_convs." + i + ".weight", cout, 1, nk);
                noiseB[i] = w.get("dec.noise_convs." + i + ".bias", cout);
            }
            resblocks[i] = new ResBlock[kinds];
            for (int j = 0; j < kinds; j++) {
                resblocks[i][j] = resBlock(w, "dec.resblocks." + (i * kinds + j) + ".", cout,
                        c.resblockKernelSizes().get(j), c.resblockDilationSizes().get(j));
            }
        }
        this.postW = w.get("dec.conv_post.weight", 1, c0 >> n, OUTER_KERNEL);
    }

    private static ResBlock resBlock(DjlWeights w, String p, long ch, int k, List<Integer> dilations) {
        int m = dilations.size();
        NDArray[] w1 = new NDArray[m];
        NDArray[] b1 = new NDArray[m];
        NDArray[] w2 = new NDArray[m];
        NDArray[] b2 = new NDArray[m];
        for (int i = 0; i < m; i++) {
            w1[i] = w.normed(p + "convs1." + i, ch, ch, k);
            b1[i] = w.get(p + "convs1." + i + ".bias", ch);
            w2[i] = w.normed(p + "convs2." + i, ch, ch, k);
            b2[i] = w.get(p + "convs2." + i + ".bias", ch);
        }
        return new ResBlock(w1, b1, w2, b2, dilations);
    }

    /**
     * @param z {@code [1, inter, T]}
     * @param g {@code [1, gin, 1]}
     * @param har {@code [1, 1, T * upp]} NSF source, or null for no-f0 models
     * @return {@code [1, 1, T * upp]} in [-1, 1]
     */
    NDArray apply(NDArray z, NDArray g, NDArray har) {
        NDArray x = DjlOps.conv1dSame(z, preW, preB, 1).add(DjlOps.conv1d(g, condW, condB, 1, 0, 1));
        for (int i = 0; i < ups.length; i++) {
            int stage = i;
            NDArray previous = x;
            x = DjlOps.scoped(x, in -> {
                NDArray act = DjlOps.leakyRelu(in, DjlOps.LRELU_SLOPE);
                NDArray y = ups[stage].apply(act);
                act.close();
                if (har != null) {
                    int s = noiseStride[stage];
                    NDArray src = stage + 1 < ups.length
                            ? DjlOps.conv1d(har, noiseW[stage], noiseB[stage], s, s / 2, 1)
                            : DjlOps.conv1d(har, noiseW[stage], noiseB[stage], 1, 0, 1);
                    src.attach(in.getManager()); // har lives in the call's manager; free this with the stage
                    y.addi(src); // y + src, in place
                    src.close();
                }
                NDArray sum = null;
                for (ResBlock rb : resblocks[stage]) {
                    NDArray r = DjlOps.scoped(y, rb::apply);
                    if (sum == null) {
                        sum = r;
                    } else {
                        sum.addi(r); // sum + r, in place: same order of additions as before
                        r.close();
                    }
                }
                y.close();
                return sum.divi(resblocks[stage].length);
            });
            previous.close(); // the stage input is not needed any more (stage outputs reach 164 MB at 40k, 32 s)
        }
        NDArray out = DjlOps.leakyRelu(x, FINAL_SLOPE);
        return DjlOps.conv1dSame(out, postW, null, 1).tanh();
    }
}
