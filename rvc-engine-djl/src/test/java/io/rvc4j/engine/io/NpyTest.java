package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData.DType;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void reads_each_dtype_numpy_writes() {
        assertThat(Npy.read(Fixtures.file("npy_f4.npy")).shape()).containsExactly(3, 4);
        TensorData i8 = Npy.read(Fixtures.file("npy_i8.npy"));
        assertThat(i8.dtype()).isEqualTo(DType.I64);
        assertThat(i8.toLongArray()).containsExactly(-(1L << 40), 1, 2, 3);
        assertThat(Npy.read(Fixtures.file("npy_u1.npy")).toLongArray()).containsExactly(0, 255, 7);
        TensorData b = Npy.read(Fixtures.file("npy_b1.npy"));
        assertThat(b.dtype()).isEqualTo(DType.BOOL);
        assertThat(b.toLongArray()).containsExactly(1, 0);
        // fp16 values chosen exactly representable, so equality is exact.
        assertThat(Npy.read(Fixtures.file("npy_f2.npy")).toFloatArray()).containsExactly(1.5f, -65504f);
        TensorData scalar = Npy.read(Fixtures.file("npy_f8_scalar.npy"));
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.toFloatArray()).containsExactly(2.5f);
    }

    @Test
    void reads_format_versions_two_and_three_like_version_one() {
        float[] v1 = Npy.read(Fixtures.file("npy_f4_v1_same.npy")).toFloatArray();
        assertThat(Npy.read(Fixtures.file("npy_f4_v2.npy")).toFloatArray()).containsExactly(v1);
        assertThat(Npy.read(Fixtures.file("npy_f4_v3.npy")).toFloatArray()).containsExactly(v1);
    }

    @Test
    void rejects_fortran_order_and_big_endian_by_name() {
        assertThatThrownBy(() -> Npy.read(Fixtures.file("npy_fortran.npy")))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("Fortran");
        assertThatThrownBy(() -> Npy.read(Fixtures.file("npy_bigendian.npy")))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("big-endian");
    }

    @Test
    void rejects_truncated_and_empty_files() throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.file("npy_f4.npy"));
        for (int cut : new int[] {0, 5, 9, 60, full.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> Npy.read(part)).isInstanceOf(InvalidModelFileException.class);
        }
    }
}
