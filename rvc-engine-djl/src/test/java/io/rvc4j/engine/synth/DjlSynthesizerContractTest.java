package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.engine.io.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loading variants, bad input and resource handling of {@link DjlSynthesizer}. */
class DjlSynthesizerContractTest {

    private static NDManager manager;
    private static SynthFixture fx;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
        fx = SynthFixture.load("v2-f0-40k-short");
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    private float[] audio(Map<String, TensorData> weights) {
        try (NDManager m = manager.newSubManager(); DjlSynthesizer s = DjlSynthesizer.load(weights, fx.config(), m)) {
            NDArray[] in = fx.inputs(m);
            return s.infer(in[0], in[1], in[2], fx.sid(), true).toFloatArray();
        }
    }

    @Test
    void accepts_the_parametrizations_spelling_of_weight_norm() {
        Map<String, TensorData> renamed = new LinkedHashMap<>();
        fx.weights().forEach((k, v) -> renamed.put(k.replace(".weight_g", ".parametrizations.weight.original0")
                .replace(".weight_v", ".parametrizations.weight.original1"), v));
        assertThat(renamed.keySet()).noneMatch(k -> k.endsWith("weight_g"));
        // Same tensors, same arithmetic: bit-identical output.
        assertThat(audio(renamed)).containsExactly(audio(fx.weights()));
    }

    @Test
    void opens_an_rvc_pth_file_and_reads_its_config() {
        SynthFixture nono = SynthFixture.load("v2-nof0-32k");
        try (NDManager m = manager.newSubManager();
                DjlSynthesizer s = DjlSynthesizer.open(nono.dir().resolve("model.pth"), m)) {
            assertThat(s.config().version()).isEqualTo("v2");
            assertThat(s.config().f0()).isFalse();
            assertThat(s.config().sampleRate()).isEqualTo(32000);
            assertThat(s.config().speakers()).isEqualTo(3);
            // No-f0 models ignore pitch and nsff0.
            float[] out = s.infer(nono.array(m, "phone"), null, null, nono.sid(), true).toFloatArray();
            assertThat(SynthFixture.snrDb(nono.floats("audio"), out)).isGreaterThan(60);
        }
    }

    @Test
    void reports_the_speaker_count_of_the_embedding_table_not_of_the_config() {
        try (NDManager m = manager.newSubManager();
                DjlSynthesizer s = DjlSynthesizer.load(fx.weights(), fx.config(), m)) {
            assertThat(fx.config().speakers()).isEqualTo(109);
            assertThat(s.config().speakers()).isEqualTo(3);
        }
    }

    @Test
    void rejects_a_missing_weight_naming_it() {
        Map<String, TensorData> w = new LinkedHashMap<>(fx.weights());
        w.remove("flow.flows.4.post.bias");
        assertThatThrownBy(() -> DjlSynthesizer.load(w, fx.config(), manager))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("flow.flows.4.post.bias");
    }

    @Test
    void rejects_a_weight_of_the_wrong_shape_naming_both_shapes() {
        Map<String, TensorData> w = new LinkedHashMap<>(fx.weights());
        w.put("dec.conv_pre.bias", TensorData.ofFloats(new long[] {7}, new float[7]));
        assertThatThrownBy(() -> DjlSynthesizer.load(w, fx.config(), manager))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("dec.conv_pre.bias").hasMessageContaining("[7]").hasMessageContaining("[32]");
    }

    @Test
    void rejects_bad_inputs_with_the_parameter_name() {
        try (NDManager m = manager.newSubManager();
                DjlSynthesizer s = DjlSynthesizer.load(fx.weights(), fx.config(), m)) {
            NDArray[] in = fx.inputs(m);
            NDArray v1Phone = m.zeros(new Shape(1, 7, 256));
            assertThatThrownBy(() -> s.infer(v1Phone, in[1], in[2], 0, true))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("phone")
                    .hasMessageContaining("768");
            assertThatThrownBy(() -> s.infer(in[0], null, in[2], 0, true))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("pitch");
            assertThatThrownBy(() -> s.infer(in[0], in[1], in[2].get("0, 0:5").reshape(1, 5), 0, true))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("nsff0")
                    .hasMessageContaining("[1, 7]");
            NDArray badPitch = m.create(new long[] {1, 2, 3, 256, 5, 6, 7}, new Shape(1, 7));
            assertThatThrownBy(() -> s.infer(in[0], badPitch, in[2], 0, true))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("256");
            NDArray nanF0 = m.create(new float[] {100, 100, Float.NaN, 0, 0, 0, 0}, new Shape(1, 7));
            assertThatThrownBy(() -> s.infer(in[0], in[1], nanF0, 0, true))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("nsff0")
                    .hasMessageContaining("NaN");
            NDArray tooLong = m.zeros(new Shape(1, DjlSynthesisInputs.MAX_FRAMES + 1, 768));
            assertThatThrownBy(() -> s.infer(tooLong, in[1], in[2], 0, true))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("12000 frames");
            assertThatThrownBy(() -> s.infer(in[0], in[1], in[2], 0, true, 3, 5))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("return_length")
                    .hasMessageContaining("7 frames");
            assertThatThrownBy(() -> s.infer(in[0], in[1], in[2], 3, true))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("sid")
                    .hasMessageContaining("0 and 2");
        }
    }

    @Test
    void keeps_nothing_but_the_result_after_a_call() {
        try (NDManager m = manager.newSubManager();
                DjlSynthesizer s = DjlSynthesizer.load(fx.weights(), fx.config(), m)) {
            NDArray[] in = fx.inputs(m);
            int callerBefore = m.getManagedArrays().size();
            NDArray out = s.infer(in[0], in[1], in[2], fx.sid(), false);
            // The caller's manager gains the waveform only; the model's manager (a child of it) nothing.
            assertThat(m.getManagedArrays()).hasSize(callerBefore + 1).contains(out);
            int afterFirst = m.getManagedArrays().size();
            s.infer(in[0], in[1], in[2], fx.sid(), true).close();
            assertThat(m.getManagedArrays()).hasSize(afterFirst);
        }
    }

    @Test
    void close_is_idempotent_and_a_closed_synthesizer_refuses_work() {
        NDManager m = manager.newSubManager();
        DjlSynthesizer s = DjlSynthesizer.load(fx.weights(), fx.config(), m);
        s.close();
        s.close();
        NDArray[] in = fx.inputs(m);
        assertThatThrownBy(() -> s.infer(in[0], in[1], in[2], 0, true)).isInstanceOf(IllegalStateException.class);
        m.close();
    }
}
