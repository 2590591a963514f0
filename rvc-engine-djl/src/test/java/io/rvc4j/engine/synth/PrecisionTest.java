package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

/** The generator's precision option: parsing, and the fidelity of fp16 against fp32 on an upstream fixture. */
class PrecisionTest {

    /** fp16 keeps ~11 bits of mantissa; measured 62.7 dB on the full-size v2-40k with random weights (performance.md). */
    private static final double MIN_FP16_SNR_DB = 40;

    @Test
    void parses_fp32_and_fp16_and_refuses_bf16_and_junk_naming_the_choices() {
        assertThat(Precision.parse(null)).isEqualTo(Precision.FP32);
        assertThat(Precision.parse(" FP16 ")).isEqualTo(Precision.FP16);
        assertThat(Precision.parse("fp32").toString()).isEqualTo("fp32");
        assertThatThrownBy(() -> Precision.parse("bf16")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("bfloat16");
        assertThatThrownBy(() -> Precision.parse("int8")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("fp32 or fp16");
    }

    @Test
    void an_fp16_generator_stays_close_to_fp32_and_returns_fp32() {
        SynthFixture fx = SynthFixture.load("v2-f0-40k-long");
        try (NDManager m = NDManager.newBaseManager();
                DjlSynthesizer fp32 = DjlSynthesizer.load(fx.weights(), fx.config(), m, Precision.FP32);
                DjlSynthesizer fp16 = DjlSynthesizer.load(fx.weights(), fx.config(), m, Precision.FP16)) {
            NDArray[] in = fx.inputs(m);
            NDArray a = fp32.infer(in[0], in[1], in[2], fx.sid(), true);
            NDArray b = fp16.infer(in[0], in[1], in[2], fx.sid(), true);
            assertThat(fp16.precision()).isEqualTo(Precision.FP16);
            assertThat(b.getDataType()).isEqualTo(a.getDataType());
            double snr = SynthFixture.snrDb(a.toFloatArray(), b.toFloatArray());
            System.out.printf("PRECISION fp16 vs fp32 on %s: %.1f dB%n", fx.name(), snr);
            assertThat(snr).isGreaterThan(MIN_FP16_SNR_DB).isLessThan(120);
        }
    }
}
