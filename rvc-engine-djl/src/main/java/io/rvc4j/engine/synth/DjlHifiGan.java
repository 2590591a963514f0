package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.rvc4j.engine.nn.Pieces;
import io.rvc4j.engine.nn.Scopes;
import java.util.List;

/**
 * The decoder {@code dec}: RVC {@code GeneratorNSF} for f0 models and the plain HiFi-GAN {@code Generator} for
 * no-f0 models (reference note sections 2.7-2.8).
 *
 * <p>{@code conv_pre(z) + cond(g)}, then per stage: leaky ReLU 0.1, transposed-conv upsampling, plus (NSF only) the
 * stage's strided conv of the source {@code har}, then the mean of the stage's ResBlock1s; finally leaky ReLU with
 * slope 0.01, {@code conv_post} (no bias) and tanh.
 *
 * <p><b>Chunked decoding.</b> The generator is purely convolutional (no normalisation or recurrence over time; the
 * only whole-sequence part, the NSF source's running phase, is computed before it), so each output sample depends on
 * a bounded window of frames: {@link #receptiveRadius} frames either side. A long input is therefore decoded in chunks
 * of about {@link #DEFAULT_CHUNK_FRAMES} frames, each with that many frames of real context on both sides, and the
 * context part of each chunk's output is dropped: every kept sample is computed from exactly the inputs the
 * whole-sequence run would use, so the result is the same up to float rounding. What it saves is memory traffic: at
 * 40 kHz every stage activation of a 30 s input is about 160 MB, which malloc hands out as fresh pages (zeroed by
 * the kernel on first touch) and which never fits a cache; a 256-frame chunk's are 1.3 MB. Measured on the 2-core
 * benchmark machine: decoding 10 s of a full-size v2-40k model took 10.3-12.0 s in one piece and 6.4-7.3 s in
 * 250-frame pieces (docs/performance.md).
 */
final class DjlHifiGan {

    /** Frames decoded per chunk (without context); 2.56 s of audio. */
    static final int DEFAULT_CHUNK_FRAMES = 256;

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
    private final int samplesPerFrame;
    private final int chunkFrames;
    private final int contextFrames;
    private final DataType compute;

    /** ResBlock1: three (dilated conv, conv) pairs with leaky ReLU 0.1 before each conv, residual after each pair. */
    private record ResBlock(NDArray[] w1, NDArray[] b1, NDArray[] w2, NDArray[] b2, List<Integer> dilations) {
        /** Temporaries are closed as soon as they are used: at 128 x 100 000 samples each one is 51 MB. */
        NDArray apply(NDArray x) {
            NDArray out = x;
            for (int p = 0; p < w1.length; p++) {
                NDArray a = DjlOps.leakyRelu(out, DjlOps.LRELU_SLOPE);
                NDArray t = DjlOps.conv1dSame(a, w1[p], b1[p], dilations.get(p));
                a.close();
                a = DjlOps.leakyRelu(t, DjlOps.LRELU_SLOPE);
                t.close();
                t = DjlOps.conv1dSame(a, w2[p], b2[p], 1);
                a.close();
                t.addi(out);
                if (out != x) {
                    out.close();
                }
                out = t;
            }
            return out;
        }
    }

    /** With the generator's weights and activations in {@code compute} (FLOAT32 or FLOAT16, see {@link Precision}). */
    DjlHifiGan(DjlWeights w, SynthesizerConfig c, DataType compute) {
        this(w, c, DEFAULT_CHUNK_FRAMES, receptiveRadius(c), compute);
    }

    /**
     * @param chunkFrames frames per chunk (long inputs are decoded piecewise)
     * @param contextFrames frames of context either side of a chunk; below {@link #receptiveRadius} the chunk edges
     *     would differ from the whole-sequence result (tests use that to prove the radius matters)
     */
    DjlHifiGan(DjlWeights w, SynthesizerConfig c, int chunkFrames, int contextFrames, DataType compute) {
        if (chunkFrames < 1 || contextFrames < 0) {
            throw new IllegalArgumentException("chunk " + chunkFrames + " / context " + contextFrames);
        }
        this.samplesPerFrame = c.samplesPerFrame();
        this.chunkFrames = chunkFrames;
        this.contextFrames = contextFrames;
        this.compute = compute;
        long c0 = c.upsampleInitialChannel();
        List<Integer> rates = c.upsampleRates();
        int n = rates.size();
        this.preW = get(w, "dec.conv_pre.weight", c0, c.interChannels(), OUTER_KERNEL);
        this.preB = get(w, "dec.conv_pre.bias", c0);
        this.condW = get(w, "dec.cond.weight", c0, c.ginChannels(), 1);
        this.condB = get(w, "dec.cond.bias", c0);
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
            NDArray upW = normed(w, "dec.ups." + i, cin, cout, k);
            ups[i] = new DjlConvTranspose1d(upW, get(w, "dec.ups." + i + ".bias", cout), u, (k - u) / 2);
            upW.close();
            if (c.f0()) {
                int s = rates.subList(i + 1, n).stream().reduce(1, (a, b) -> a * b);
                noiseStride[i] = s;
                int nk = i + 1 < n ? 2 * s : 1;
                noiseW[i] = get(w, "dec.noise_convs." + i + ".weight", cout, 1, nk);
                noiseB[i] = get(w, "dec.noise_convs." + i + ".bias", cout);
            }
            resblocks[i] = new ResBlock[kinds];
            for (int j = 0; j < kinds; j++) {
                resblocks[i][j] = resBlock(w, "dec.resblocks." + (i * kinds + j) + ".", cout,
                        c.resblockKernelSizes().get(j), c.resblockDilationSizes().get(j));
            }
        }
        this.postW = get(w, "dec.conv_post.weight", 1, c0 >> n, OUTER_KERNEL);
    }

    private ResBlock resBlock(DjlWeights w, String p, long ch, int k, List<Integer> dilations) {
        int m = dilations.size();
        NDArray[] w1 = new NDArray[m];
        NDArray[] b1 = new NDArray[m];
        NDArray[] w2 = new NDArray[m];
        NDArray[] b2 = new NDArray[m];
        for (int i = 0; i < m; i++) {
            w1[i] = normed(w, p + "convs1." + i, ch, ch, k);
            b1[i] = get(w, p + "convs1." + i + ".bias", ch);
            w2[i] = normed(w, p + "convs2." + i, ch, ch, k);
            b2[i] = get(w, p + "convs2." + i + ".bias", ch);
        }
        return new ResBlock(w1, b1, w2, b2, dilations);
    }

    /** A weight in the compute type (fp32 weights are cast once at load; the fp32 copy is freed). */
    private NDArray get(DjlWeights w, String name, long... shape) {
        return cast(w.get(name, shape));
    }

    private NDArray normed(DjlWeights w, String prefix, long... shape) {
        return cast(w.normed(prefix, shape));
    }

    private NDArray cast(NDArray a) {
        if (compute == DataType.FLOAT32) {
            return a;
        }
        NDArray c = a.toType(compute, false);
        a.close();
        return c;
    }

    /**
     * How many frames either side of a frame can influence its output samples, rounded up, plus one frame of slack:
     * conv_pre's 3 frames, per stage the transposed conv's {@code ceil(k/u)} input samples, the widest ResBlock's
     * {@code sum over its pairs of (k-1)/2 (d + 1)} samples and two samples for the source conv, and conv_post's 3
     * output samples, each converted to frames at its stage's rate. About 14 frames for the standard configs.
     */
    static int receptiveRadius(SynthesizerConfig c) {
        double frames = (OUTER_KERNEL - 1) / 2.0;
        long rate = 1;
        for (int i = 0; i < c.upsampleRates().size(); i++) {
            int u = c.upsampleRates().get(i);
            int k = c.upsampleKernelSizes().get(i);
            frames += Math.ceil((double) k / u) / rate;
            rate *= u;
            long widest = 0;
            for (int j = 0; j < c.resblockKernelSizes().size(); j++) {
                int half = (c.resblockKernelSizes().get(j) - 1) / 2;
                long samples = 0;
                for (int d : c.resblockDilationSizes().get(j)) {
                    samples += (long) half * (d + 1);
                }
                widest = Math.max(widest, samples);
            }
            frames += (widest + 2.0) / rate;
        }
        frames += (OUTER_KERNEL - 1) / 2.0 / rate;
        return (int) Math.ceil(frames) + 1;
    }

    /**
     * @param z {@code [1, inter, T]}
     * @param g {@code [1, gin, 1]}
     * @param har {@code [1, 1, T * upp]} NSF source, or null for no-f0 models
     * @return {@code [1, 1, T * upp]} in [-1, 1], on {@code z}'s manager
     */
    NDArray apply(NDArray z, NDArray g, NDArray har) {
        return apply(z, g, har, 0, z.getShape().get(2));
    }

    /**
     * The waveform of frames {@code [from, to)} only, each sample computed exactly as in the whole-sequence run: the
     * frames outside the range serve as context (up to {@link #receptiveRadius}) and are not decoded otherwise.
     *
     * @return {@code [1, 1, (to - from) * upp]} on {@code z}'s manager
     */
    NDArray apply(NDArray z, NDArray g, NDArray har, long from, long to) {
        long frames = z.getShape().get(2);
        if (from < 0 || to > frames || from >= to) {
            throw new IllegalArgumentException("frames [" + from + ", " + to + ") of " + frames);
        }
        if (from == 0 && to == frames && frames <= chunkFrames) {
            return decode(z, g, har);
        }
        return Pieces.joined(z.getManager(), from, to, chunkFrames, 2, (start, end, scope) -> {
            long lo = Math.max(0, start - contextFrames);
            long hi = Math.min(frames, end + contextFrames);
            NDArray zc = z.get(new NDIndex(":, :, {}:{}", lo, hi));
            zc.attach(scope);
            NDArray hc = null;
            if (har != null) {
                hc = har.get(new NDIndex(":, :, {}:{}", lo * samplesPerFrame, hi * samplesPerFrame));
                hc.attach(scope);
            }
            return decode(zc, g, hc).get(new NDIndex(":, :, {}:{}", (start - lo) * samplesPerFrame,
                    (end - lo) * samplesPerFrame));
        });
    }

    /** The generator on the whole of {@code z} at once; fp32 in and out whatever the compute type. */
    private NDArray decode(NDArray z, NDArray g, NDArray har) {
        if (compute != DataType.FLOAT32) {
            return Scopes.keep(z, in -> decodeIn(in.toType(compute, false), g.toType(compute, false),
                    har == null ? null : har.toType(compute, false)).toType(DataType.FLOAT32, false));
        }
        return decodeIn(z, g, har);
    }

    private NDArray decodeIn(NDArray z, NDArray g, NDArray har) {
        NDArray x = DjlOps.conv1dSame(z, preW, preB, 1).add(DjlOps.conv1d(g, condW, condB, 1, 0, 1));
        for (int i = 0; i < ups.length; i++) {
            int stage = i;
            x = Scopes.keep(x, in -> {
                NDArray act = DjlOps.leakyRelu(in, DjlOps.LRELU_SLOPE);
                NDArray y = ups[stage].apply(act);
                act.close();
                if (har != null) {
                    int s = noiseStride[stage];
                    try (NDArray src = stage + 1 < ups.length
                            ? DjlOps.conv1d(har, noiseW[stage], noiseB[stage], s, s / 2, 1)
                            : DjlOps.conv1d(har, noiseW[stage], noiseB[stage], 1, 0, 1)) {
                        y.addi(src);
                    }
                }
                NDArray sum = null;
                for (ResBlock rb : resblocks[stage]) {
                    NDArray r = Scopes.keep(y, rb::apply);
                    if (sum == null) {
                        sum = r;
                    } else {
                        sum.addi(r);
                        r.close();
                    }
                }
                return sum.divi(resblocks[stage].length);
            });
        }
        NDArray out = DjlOps.leakyRelu(x, FINAL_SLOPE);
        return DjlOps.conv1dSame(out, postW, null, 1).tanh();
    }
}
