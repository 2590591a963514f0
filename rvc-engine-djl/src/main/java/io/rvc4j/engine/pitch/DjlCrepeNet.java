package io.rvc4j.engine.pitch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.rvc4j.core.error.InvalidModelFileException;

/**
 * The CREPE network as torchcrepe 0.0.20 defines it ({@code torchcrepe/model.py}): six blocks of
 * {@code pad -> Conv -> ReLU -> BatchNorm -> MaxPool(2)}, then {@code Linear(-> 360)} and a sigmoid. Channel counts
 * come from the weights, so the same code runs "full" (1024, 128, 128, 128, 256, 512) and "tiny" (128, 16, 16, 16,
 * 32, 64). The (k, 1) Conv2d kernels are run as Conv1d: the width axis is always 1.
 */
final class DjlCrepeNet {
    /** CREPE's frame: 1024 samples at 16 kHz (torchcrepe WINDOW_SIZE). */
    static final int WINDOW = 1024;
    /** 360 pitch bins of 20 cents (torchcrepe PITCH_BINS). */
    static final int BINS = 360;
    private static final int LAYERS = 6;
    /** The BatchNorm eps torchcrepe inherited from the Keras model through MMdnn. */
    private static final double BN_EPS = 0.0010000000474974513;
    /** Layer 1: kernel 512, stride 4, zero pad 254 each side; layers 2-6: kernel 64, pad 31 left, 32 right. */
    private static final long[][] PADS = {{254, 254}, {31, 32}, {31, 32}, {31, 32}, {31, 32}, {31, 32}};
    private static final long[] STRIDES = {4, 1, 1, 1, 1, 1};

    private final NDArray[] weight = new NDArray[LAYERS];
    private final NDArray[] bias = new NDArray[LAYERS];
    private final NDArray[] bnScale = new NDArray[LAYERS];
    private final NDArray[] bnShift = new NDArray[LAYERS];
    private final NDArray fcWeight;
    private final NDArray fcBias;
    private final int firstChannels;
    private final int[] channels = new int[LAYERS];

    DjlCrepeNet(StateDict sd) {
        int in = 1;
        for (int i = 0; i < LAYERS; i++) {
            String name = "conv" + (i + 1);
            long[] s = sd.shape(name + ".weight");
            long kernel = i == 0 ? 512 : 64;
            if (s.length != 4 || s[1] != in || s[2] != kernel || s[3] != 1) {
                throw new InvalidModelFileException(sd.label() + ": '" + name + ".weight' has shape "
                        + java.util.Arrays.toString(s) + ", not a CREPE layer [out, " + in + ", " + kernel + ", 1]");
            }
            int out = (int) s[0];
            channels[i] = out;
            weight[i] = sd.reshaped(name + ".weight", out, in, kernel);
            bias[i] = sd.get(name + ".bias", out);
            NDArray[] bn = sd.batchNorm(name + "_BN", BN_EPS, 3);
            bnScale[i] = bn[0];
            bnShift[i] = bn[1];
            in = out;
        }
        // After six halvings of 256 positions, 4 remain: in_features = 4 * channels (2048 full, 256 tiny).
        fcWeight = sd.get("classifier.weight", BINS, 4L * in);
        fcBias = sd.get("classifier.bias", BINS);
        firstChannels = (int) sd.shape("conv1.weight")[0];
    }

    /** Output channels of each conv layer, as read from the weights' shapes. */
    int[] channels() {
        return channels.clone();
    }

    /** Frames per forward pass: bounds the first layer's output (frames x channels x 256 floats) to 128 MB. */
    int batchSize() {
        return Math.max(8, (1 << 25) / (firstChannels * 256));
    }

    /** Supplies normalised frames {@code first .. first + count - 1} as row-major [count, 1024]. */
    interface FrameSource {
        float[] frames(int first, int count);
    }

    /** Sigmoid activations for ready-made normalised frames (row-major [count, 1024]). */
    float[] activations(NDManager parent, float[] frames, int count) {
        return activations(parent, (first, n) -> java.util.Arrays.copyOfRange(frames, first * WINDOW,
                (first + n) * WINDOW), count);
    }

    /**
     * Sigmoid activations for {@code count} frames, framed batch by batch so long audio never holds all frames.
     *
     * @return row-major [count, 360]
     */
    float[] activations(NDManager parent, FrameSource source, int count) {
        float[] out = new float[Math.multiplyExact(count, BINS)];
        int batch = batchSize();
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            try (NDManager m = parent.newSubManager()) {
                NDArray x = m.create(source.frames(start, n), new Shape(n, 1, WINDOW));
                for (int i = 0; i < LAYERS; i++) {
                    x = x.pad(new Shape(PADS[i][0], PADS[i][1]), 0);
                    x = Conv1d.conv1d(x, weight[i], bias[i], new Shape(STRIDES[i]), new Shape(0), new Shape(1), 1)
                            .singletonOrThrow();
                    x = Activation.relu(x).mul(bnScale[i]).add(bnShift[i]);
                    x = Pool.maxPool1d(x, new Shape(2), new Shape(2), new Shape(0), false);
                }
                // torchcrepe permutes [B, C, H, 1] to [B, H, C, 1] before flattening: feature = h * C + c.
                x = x.transpose(0, 2, 1).reshape(n, -1);
                NDArray y = Activation.sigmoid(Linear.linear(x, fcWeight, fcBias).singletonOrThrow());
                float[] values = y.toFloatArray();
                System.arraycopy(values, 0, out, start * BINS, n * BINS);
            }
        }
        return out;
    }
}
