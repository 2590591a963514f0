package io.rvc4j.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * A checkpoint's state dict as fp32 NDArrays on a model's manager, every shape checked against what the network
 * expects before it is used, so a wrong or damaged file fails at load with the tensor's name, never mid-inference.
 * The networks (synthesizer, content encoder, RMVPE, CREPE) extend it with their own layer helpers.
 */
public class DjlStateDict {
    private final String label;
    private final Map<String, TensorData> tensors;
    private final NDManager manager;

    /**
     * @param label what the weights belong to, for messages (a model kind or the file)
     * @param tensors the state dict, fp16 / bf16 / fp32 (widened exactly)
     * @param manager where the arrays live: the model's manager, for the model's lifetime
     */
    public DjlStateDict(String label, Map<String, TensorData> tensors, NDManager manager) {
        this.label = label;
        this.tensors = tensors;
        this.manager = manager;
    }

    public final NDManager manager() {
        return manager;
    }

    public final String label() {
        return label;
    }

    /** The raw tensors, for subclasses that derive arrays in a temporary scope. */
    protected final Map<String, TensorData> tensors() {
        return tensors;
    }

    public final boolean has(String name) {
        return tensors.containsKey(name);
    }

    public final long[] shape(String name) {
        return require(name).shape();
    }

    /**
     * Tensor {@code name} as fp32 on the manager. With no {@code shape} any shape is accepted; otherwise the shape
     * must match, where an entry of -1 accepts any size on that axis.
     */
    public final NDArray get(String name, long... shape) {
        TensorData t = require(name);
        long[] s = t.shape();
        if (shape.length > 0) {
            boolean ok = s.length == shape.length;
            for (int i = 0; ok && i < s.length; i++) {
                ok = shape[i] < 0 || shape[i] == s[i];
            }
            if (!ok) {
                throw new InvalidModelFileException(label + ": weight '" + name + "' has shape " + Arrays.toString(s)
                        + ", expected " + Arrays.toString(shape).replace("-1", "*"));
            }
        }
        return fp32(t, new Shape(s));
    }

    /**
     * The tensor as fp32 on the manager. fp32 and fp16 data reach the engine as their raw bytes (read from the file
     * straight into the native buffer when the tensor stays in its file, else one bulk copy) and
     * fp16 is widened there (exactly), instead of element by element in Java. bf16 is widened in Java: DJL 0.35's
     * PyTorch engine aborts the process on any bfloat16 array (docs/performance.md, bf16).
     */
    private NDArray fp32(TensorData t, Shape shape) {
        DataType raw = switch (t.dtype()) {
            case F32 -> DataType.FLOAT32;
            case F16 -> DataType.FLOAT16;
            default -> null;
        };
        if (raw == null || shape.size() == 0 || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return manager.create(t.toFloatArray(), shape);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(Math.toIntExact(t.byteCount())).order(ByteOrder.nativeOrder());
        t.copyTo(direct);
        direct.rewind();
        NDArray array = manager.create(direct, shape, raw);
        if (raw == DataType.FLOAT32) {
            return array;
        }
        NDArray widened = array.toType(DataType.FLOAT32, false);
        array.close();
        return widened;
    }

    /** The values of {@code name} as fp32; with {@code shape}, the shape must match exactly. */
    public final float[] floats(String name, long... shape) {
        TensorData t = require(name);
        if (shape.length > 0 && !Arrays.equals(t.shape(), shape)) {
            throw new InvalidModelFileException(label + ": weight '" + name + "' has shape "
                    + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
        }
        return t.toFloatArray();
    }

    /** The tensor viewed with another shape of the same element count (a (k, 1) kernel as (k)). */
    public final NDArray reshaped(String name, long... shape) {
        TensorData t = require(name);
        if (t.numel() != new Shape(shape).size()) {
            throw new InvalidModelFileException(label + ": weight '" + name + "' has shape "
                    + Arrays.toString(t.shape()) + ", which cannot be viewed as " + Arrays.toString(shape));
        }
        return fp32(t, new Shape(shape));
    }

    /** The size of axis 0 of {@code name}, whatever it is; the other axes must be {@code tail}. */
    public final long rows(String name, long... tail) {
        long[] s = require(name).shape();
        if (s.length != tail.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), tail)) {
            throw new InvalidModelFileException(label + ": weight '" + name + "' has shape " + Arrays.toString(s)
                    + ", expected [n, " + Arrays.toString(tail).replace("[", ""));
        }
        return s[0];
    }

    /** A constant made from Java values, kept for the model's lifetime. */
    public final NDArray constant(float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    private TensorData require(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new InvalidModelFileException(label + ": weight '" + name + "' is missing");
        }
        return t;
    }
}
