package io.rvc4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidParameterException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConversionParamsTest {

    @Test
    void defaults_are_aicovergens() {
        ConversionParams p = ConversionParams.defaults();
        assertThat(p.pitch()).isZero();
        assertThat(p.f0Method()).isEqualTo(PitchMethod.RMVPE);
        assertThat(p.indexRate()).isEqualTo(0.5);
        assertThat(p.filterRadius()).isEqualTo(3);
        assertThat(p.rmsMixRate()).isEqualTo(0.25);
        assertThat(p.protect()).isEqualTo(0.33);
        assertThat(p.crepeHopLength()).isEqualTo(128);
        assertThat(p.f0MethodWeight()).isEmpty();   // hybrids: AICoverGen's plain np.nanmedian
        assertThat(p.hybridWeight()).isEqualTo(0.33); // what the seed reports as its default
        assertThat(p.f0Curve()).isEmpty();
        assertThat(p.deterministic()).isFalse();
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("pitch", "between -24 and 24", (UnaryOperator<ConversionParams.Builder>) b -> b.pitch(25)),
                Arguments.of("pitch", "between -24 and 24", (UnaryOperator<ConversionParams.Builder>) b -> b.pitch(-25)),
                Arguments.of("index_rate", "between 0 and 1", (UnaryOperator<ConversionParams.Builder>) b -> b.indexRate(1.01)),
                Arguments.of("index_rate", "between 0 and 1", (UnaryOperator<ConversionParams.Builder>) b -> b.indexRate(-0.1)),
                Arguments.of("index_rate", "between 0 and 1", (UnaryOperator<ConversionParams.Builder>) b -> b.indexRate(Double.NaN)),
                Arguments.of("filter_radius", "between 0 and 7", (UnaryOperator<ConversionParams.Builder>) b -> b.filterRadius(8)),
                Arguments.of("rms_mix_rate", "between 0 and 1", (UnaryOperator<ConversionParams.Builder>) b -> b.rmsMixRate(2)),
                Arguments.of("protect", "between 0 and 0.5", (UnaryOperator<ConversionParams.Builder>) b -> b.protect(0.51)),
                Arguments.of("crepe_hop_length", "between 32 and 320", (UnaryOperator<ConversionParams.Builder>) b -> b.crepeHopLength(16)),
                Arguments.of("f0_method_weight", "between 0 and 1", (UnaryOperator<ConversionParams.Builder>) b -> b.hybridWeight(1.5)),
                Arguments.of("sid", "between 0 and 65535", (UnaryOperator<ConversionParams.Builder>) b -> b.speakerId(-1)),
                Arguments.of("output_sample_rate", "between 16000 and 48000",
                        (UnaryOperator<ConversionParams.Builder>) b -> b.outputSampleRate(8000)));
    }

    @ParameterizedTest(name = "rejects {0} out of range")
    @MethodSource("outOfRange")
    void rejects_out_of_range_values_with_the_valid_range_in_the_message(String parameter, String range,
            UnaryOperator<ConversionParams.Builder> change) {
        assertThatThrownBy(() -> change.apply(ConversionParams.builder()).build())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith(parameter + ": ")
                .hasMessageContaining(range)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter));
    }

    @Test
    void accepts_the_edges_of_every_range_without_clamping() {
        ConversionParams p = ConversionParams.builder().pitch(-24).indexRate(1).filterRadius(7).rmsMixRate(0)
                .protect(0.5).crepeHopLength(320).hybridWeight(0).outputSampleRate(48_000).build();
        assertThat(p.pitch()).isEqualTo(-24);
        assertThat(p.indexRate()).isEqualTo(1.0);
        assertThat(p.protect()).isEqualTo(0.5);
        assertThat(p.outputSampleRate()).isEqualTo(48_000);
    }

    @Test
    void pitch_counts_semitones_so_twelve_is_one_octave() {
        // AICoverGen's own code multiplies its vocal "pitch" by 12 (octaves); ours is already semitones.
        assertThat(ConversionParams.builder().pitch(12).build().pitch()).isEqualTo(12);
    }

    @Test
    void to_builder_round_trips_every_field() {
        ConversionParams p = ConversionParams.builder().pitch(5).f0Method(PitchMethod.parse("hybrid[rmvpe+crepe]"))
                .indexRate(0.1).filterRadius(1).rmsMixRate(0.9).protect(0.2).crepeHopLength(64).hybridWeight(0.7)
                .speakerId(3).outputSampleRate(44_100).f0Curve(F0Curve.parse("0,100\n1,200")).deterministic(true)
                .build();
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThat(ConversionParams.defaults().toBuilder().build().f0MethodWeight()).isEmpty();
    }
}
