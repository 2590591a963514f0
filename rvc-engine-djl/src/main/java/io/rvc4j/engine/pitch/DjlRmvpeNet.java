package io.rvc4j.engine.pitch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.nn.Scopes;
import java.util.ArrayList;
import java.util.List;

/**
 * RMVPE's {@code E2E} network (RVC {@code infer/lib/rmvpe.py}): BatchNorm, a 5-level residual U-Net encoder with
 * 2x2 average pooling, intermediate residual layers, a decoder of stride-2 transposed convolutions with skip
 * concatenation, a 3-channel 3x3 conv, a bidirectional GRU (384 -> 2 x 256) and Linear(512 -> 360) with a sigmoid.
 * Depths, block counts and widths are read from the state dict, so RVC's {@code E2E(4, 1, (2, 2))} and reduced test
 * models run the same code.
 */
final class DjlRmvpeNet {
    /** RVC's mel2hidden pads the frames to a multiple of 32 (five 2x poolings). */
    static final int FRAME_MULTIPLE = 32;
    static final int BINS = 360;
    /** nn.BatchNorm2d default eps. */
    private static final double BN_EPS = 1e-5;
    private static final Shape K2 = new Shape(2, 2);
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape ZERO = new Shape(0, 0);

    private final NDArray[] inputBn;
    private final List<List<ResBlock>> encoder = new ArrayList<>();
    private final List<List<ResBlock>> intermediate = new ArrayList<>();
    private final List<UpLayer> decoder = new ArrayList<>();
    private final NDArray cnnWeight;
    private final NDArray cnnBias;
    private final DjlBiGru gru;
    private final NDArray fcWeight;
    private final NDArray fcBias;

    DjlRmvpeNet(StateDict sd) {
        inputBn = sd.batchNorm("unet.encoder.bn", BN_EPS, 4);
        for (int i = 0; sd.has("unet.encoder.layers." + i + ".conv.0.conv.0.weight"); i++) {
            encoder.add(blocks(sd, "unet.encoder.layers." + i + ".conv."));
        }
        for (int i = 0; sd.has("unet.intermediate.layers." + i + ".conv.0.conv.0.weight"); i++) {
            intermediate.add(blocks(sd, "unet.intermediate.layers." + i + ".conv."));
        }
        for (int i = 0; sd.has("unet.decoder.layers." + i + ".conv1.0.weight"); i++) {
            String p = "unet.decoder.layers." + i + ".";
            decoder.add(new UpLayer(transposedAsConv(sd, p + "conv1.0.weight"), sd.batchNorm(p + "conv1.1", BN_EPS, 4),
                    blocks(sd, p + "conv2.")));
        }
        if (encoder.size() != 5 || decoder.size() != encoder.size()) {
            throw new InvalidModelFileException(sd.label() + ": not an RMVPE E2E state dict (found " + encoder.size()
                    + " encoder and " + decoder.size() + " decoder layers, expected 5 and 5)");
        }
        cnnWeight = sd.get("cnn.weight");
        cnnBias = sd.get("cnn.bias");
        gru = new DjlBiGru(sd, "fc.0.gru");
        fcWeight = sd.get("fc.1.weight", BINS, 2L * gru.hiddenSize());
        fcBias = sd.get("fc.1.bias", BINS);
    }

    /**
     * Salience [frames, 360] of a log-mel [1, 128, frames] (padded here to a multiple of 32 and cropped back).
     * Intermediate arrays live on {@code m}.
     */
    float[] salience(NDManager m, NDArray logMel) {
        long frames = logMel.getShape().get(2);
        long padded = FRAME_MULTIPLE * ((frames - 1) / FRAME_MULTIPLE + 1);
        NDArray mel = padded > frames ? logMel.pad(new Shape(0, padded - frames), 0) : logMel;
        // [1, 128, T] -> [1, 1, T, 128]: height = time, width = mel band
        NDArray x = mel.transpose(0, 2, 1).expandDims(1);
        x = x.mul(inputBn[0]).add(inputBn[1]);
        // Every block runs in its own scope that frees its input and temporaries, so at 32 s (first level
        // 16 x 3 200 x 128 floats = 26 MB per activation) the peak is a few activations plus the skips, not every
        // intermediate of the U-Net (which took this call to a 5.9 GB process peak).
        List<NDArray> skips = new ArrayList<>();
        for (List<ResBlock> layer : encoder) {
            x = run(layer, x);
            skips.add(x);
            x = Scopes.keep(x, in -> Pool.avgPool2d(in, K2, K2, ZERO, false, true));
        }
        for (List<ResBlock> layer : intermediate) {
            x = run(layer, x);
        }
        for (int i = 0; i < decoder.size(); i++) {
            UpLayer up = decoder.get(i);
            NDArray skip = skips.get(skips.size() - 1 - i);
            NDManager owner = x.getManager();
            try (NDManager scope = owner.newSubManager()) {
                x.attach(scope);
                skip.attach(scope);
                NDArray out = up.forward(x, skip);
                out.attach(owner);
                x = out;
            }
        }
        x = conv3x3(x, cnnWeight, cnnBias);
        // [1, 3, T, 128] -> [1, T, 3, 128] -> [1, T, 384]: feature = channel * 128 + band
        x = x.transpose(0, 2, 1, 3).reshape(1, padded, -1);
        x = gru.forward(m, x);
        NDArray y = Activation.sigmoid(Linear.linear(x, fcWeight, fcBias).singletonOrThrow());
        return y.get("0, :" + frames + ", :").toFloatArray();
    }

    /** Output of the 3-channel head, flattened to [frames, 384] (for parity tests). */
    static NDArray conv3x3(NDArray x, NDArray w, NDArray b) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, w, b, new Shape(1, 1), ONE, new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** The blocks in order, each in its own scope; {@code x} is consumed. */
    private static NDArray run(List<ResBlock> blocks, NDArray x) {
        for (ResBlock b : blocks) {
            x = Scopes.consume(x, b::forward);
        }
        return x;
    }

    private static List<ResBlock> blocks(StateDict sd, String prefix) {
        List<ResBlock> out = new ArrayList<>();
        for (int j = 0; sd.has(prefix + j + ".conv.0.weight"); j++) {
            String p = prefix + j + ".";
            out.add(new ResBlock(sd.get(p + "conv.0.weight"), sd.batchNorm(p + "conv.1", BN_EPS, 4),
                    sd.get(p + "conv.3.weight"), sd.batchNorm(p + "conv.4", BN_EPS, 4),
                    sd.has(p + "shortcut.weight") ? sd.get(p + "shortcut.weight") : null,
                    sd.has(p + "shortcut.bias") ? sd.get(p + "shortcut.bias") : null));
        }
        return out;
    }

    /**
     * ConvTranspose2d(3x3, stride 2, pad 1, output_pad 1) as a plain conv (DJL's PyTorch engine lacks
     * deconvolution): the kernel flipped in both axes with in/out swapped, applied to the input zero-stuffed by 2.
     */
    private static NDArray transposedAsConv(StateDict sd, String key) {
        long[] s = sd.shape(key);
        if (s.length != 4 || s[2] != 3 || s[3] != 3) {
            throw new InvalidModelFileException(sd.label() + ": '" + key + "' is not a 3x3 transposed conv kernel");
        }
        NDArray w = sd.get(key);
        NDArray conv = w.transpose(1, 0, 2, 3).flip(2, 3); // flip copies, so the source can go
        w.close();
        return conv;
    }

    /** ConvBlockRes: conv-BN-ReLU twice, plus the input (or its 1x1 projection when the width changes). */
    private record ResBlock(NDArray w1, NDArray[] bn1, NDArray w2, NDArray[] bn2, NDArray shortcutW,
            NDArray shortcutB) {
        NDArray forward(NDArray x) {
            NDArray y = Activation.relu(conv3x3(x, w1, null).mul(bn1[0]).add(bn1[1]));
            y = Activation.relu(conv3x3(y, w2, null).mul(bn2[0]).add(bn2[1]));
            NDArray skip = shortcutW == null ? x
                    : ai.djl.nn.convolutional.Conv2d.conv2d(x, shortcutW, shortcutB, ONE, ZERO, ONE, 1)
                            .singletonOrThrow();
            return y.add(skip);
        }
    }

    /** ResDecoderBlock: upsample x2 (transposed conv, BN, ReLU), concat [x, skip] on channels, residual blocks. */
    private record UpLayer(NDArray convWeight, NDArray[] bn, List<ResBlock> blocks) {
        NDArray forward(NDArray x, NDArray skip) {
            Shape s = x.getShape();
            long n = s.get(0);
            long c = s.get(1);
            long h = s.get(2);
            long w = s.get(3);
            NDArray zeros = x.zerosLike();
            // interleave zeros after every column, then after every row: [.., h, w] -> [.., 2h, 2w]
            NDArray stuffed = x.expandDims(4).concat(zeros.expandDims(4), 4).reshape(n, c, h, 2 * w);
            stuffed = stuffed.expandDims(3).concat(stuffed.zerosLike().expandDims(3), 3).reshape(n, c, 2 * h, 2 * w);
            // left pad 1 (= k - 1 - p); the right pad of 2 is the trailing zero row/column plus the conv pad of 1
            NDArray y = conv3x3(stuffed, convWeight, null);
            y = Activation.relu(y.mul(bn[0]).add(bn[1]));
            NDArray joined = y.concat(skip, 1);
            y.close();
            return run(blocks, joined);
        }
    }
}
