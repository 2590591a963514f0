package io.rvc4j.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor read from a model file, before it meets DJL: element type, shape and contiguous row-major little-endian
 * bytes. Readers produce it; the engine turns it into NDArrays (fp16 and bf16 widened to fp32 on the way). The bytes
 * are either held (a slice of an in-memory file, or a copy) or a window of a file on disk that is read when asked
 * for: a checkpoint's weights then go from the file to the engine's native buffers ({@link #copyTo}) without a heap
 * copy of the whole file.
 */
public final class TensorData {

    /** Element types found in PyTorch, safetensors, NumPy and FAISS files. */
    public enum DType {
        F16(2), BF16(2), F32(4), F64(8), I8(1), U8(1), I16(2), I32(4), I64(8), BOOL(1);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    private final DType dtype;
    private final long[] shape;
    /** The bytes, or null when they stay in {@link #file} from {@link #offset}. */
    private final ByteBuffer data;
    private final ByteSource file;
    private final long offset;

    private TensorData(DType dtype, long[] shape, ByteBuffer data, ByteSource file, long offset) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        this.file = file;
        this.offset = offset;
    }

    /**
     * Wraps {@code data} (its position to limit, little-endian) as a tensor; the byte count must match the shape.
     *
     * @throws IllegalArgumentException when the shape is negative or does not match the byte count
     */
    public static TensorData of(DType dtype, long[] shape, ByteBuffer data) {
        long numel = numel(shape);
        long expected = numel * dtype.bytes();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("tensor " + Arrays.toString(shape) + " of " + dtype + " needs " + expected
                    + " bytes, got " + data.remaining());
        }
        return new TensorData(dtype, shape.clone(), data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN), null, 0);
    }

    /**
     * The tensor whose bytes lie in {@code source} from {@code offset}; they are read on each {@link #bytes()} or
     * {@link #copyTo}. The range is checked now.
     *
     * @throws IllegalArgumentException when the shape is negative or the bytes would lie outside the source
     */
    static TensorData in(DType dtype, long[] shape, ByteSource source, long offset) {
        long expected = numel(shape) * dtype.bytes();
        if (offset < 0 || expected > source.size() - offset) {
            throw new IllegalArgumentException("tensor " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + expected + " bytes at offset " + offset + " of a " + source.size() + "-byte source");
        }
        return new TensorData(dtype, shape.clone(), null, source, offset);
    }

    /** An fp32 tensor holding a copy of {@code values}. */
    public static TensorData ofFloats(long[] shape, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return of(DType.F32, shape, buf);
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        return numel(shape);
    }

    /** The raw little-endian bytes (read from the file when they stay there). */
    public ByteBuffer bytes() {
        if (data == null) {
            return file.read(offset, byteCount());
        }
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code numel × element size}. */
    public long byteCount() {
        return numel() * dtype.bytes();
    }

    /**
     * Puts the raw bytes into {@code dst}, which must have exactly {@link #byteCount()} remaining; a tensor that stays
     * in its file is read straight into it (no heap copy when {@code dst} is direct).
     */
    public void copyTo(ByteBuffer dst) {
        if (dst.remaining() != byteCount()) {
            throw new IllegalArgumentException(this + " has " + byteCount() + " bytes, the buffer " + dst.remaining());
        }
        if (data == null) {
            file.readInto(offset, dst);
        } else {
            dst.put(data.duplicate());
        }
    }

    /** All elements widened or narrowed to float (fp16 and bf16 exactly, integers by value). */
    public float[] toFloatArray() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = bytes();
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case F16 -> halfToFloat(b.getShort(i * 2));
                case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                case F32 -> b.getFloat(i * 4);
                case F64 -> (float) b.getDouble(i * 8);
                case I8 -> b.get(i);
                case U8, BOOL -> b.get(i) & 0xff;
                case I16 -> b.getShort(i * 2);
                case I32 -> b.getInt(i * 4);
                case I64 -> b.getLong(i * 8);
            };
        }
        return out;
    }

    /** All elements as long; floating types are truncated toward zero. */
    public long[] toLongArray() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        ByteBuffer b = bytes();
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case I64 -> b.getLong(i * 8);
                case I32 -> b.getInt(i * 4);
                case I16 -> b.getShort(i * 2);
                case I8 -> b.get(i);
                case U8, BOOL -> b.get(i) & 0xff;
                default -> (long) toFloatAt(b, i);
            };
        }
        return out;
    }

    private float toFloatAt(ByteBuffer b, int i) {
        return switch (dtype) {
            case F16 -> halfToFloat(b.getShort(i * 2));
            case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
            case F32 -> b.getFloat(i * 4);
            case F64 -> (float) b.getDouble(i * 8);
            default -> throw new IllegalStateException(dtype.name());
        };
    }

    /** This tensor as fp16 (round to nearest even), as RVC stores inference weights. */
    public TensorData toF16() {
        float[] v = toFloatArray();
        ByteBuffer buf = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            buf.putShort(floatToHalf(f));
        }
        buf.flip();
        return of(DType.F16, shape, buf);
    }

    /** Float to IEEE 754 binary16, rounding to nearest even; overflow gives infinity (Java 17 has no built-in). */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++;
        }
        return (short) (sign | half);
    }

    /** IEEE 754 binary16 to float, exactly (Java 17 has no {@code Float.float16ToFloat}). */
    public static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public String toString() {
        return "TensorData[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
