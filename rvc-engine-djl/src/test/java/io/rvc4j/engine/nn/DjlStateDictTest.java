package io.rvc4j.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TensorData.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every float storage type a checkpoint may hold becomes the exact fp32 values on the manager. bf16 matters
 * especially: handed to DJL 0.35's PyTorch engine as bfloat16 it aborts the JVM, so it is widened in Java.
 */
class DjlStateDictTest {

    private static final float[] VALUES = {0f, 1f, -2.5f, 0.333251953125f, 65504f, -0.0009765625f};

    private static TensorData encode(DType dtype) {
        ByteBuffer b = ByteBuffer.allocate(VALUES.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : VALUES) {
            switch (dtype) {
                case F32 -> b.putFloat(v);
                case F16 -> b.putShort(TensorData.floatToHalf(v));
                case BF16 -> b.putShort((short) (Float.floatToIntBits(v) >>> 16));
                default -> throw new IllegalArgumentException(dtype.toString());
            }
        }
        b.flip();
        return TensorData.of(dtype, new long[] {2, 3}, b);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F16", "BF16"})
    void widens_each_float_type_exactly(DType dtype) {
        TensorData t = encode(dtype);
        float[] expected = t.toFloatArray();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = new DjlStateDict("test", Map.of("w", t), m).get("w", 2, 3);
            assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(a.getShape().getShape()).containsExactly(2, 3);
            assertThat(a.toFloatArray()).containsExactly(expected);
            assertThat(expected[2]).isEqualTo(-2.5f);
        }
    }
}
