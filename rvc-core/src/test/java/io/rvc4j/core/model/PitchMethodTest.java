package io.rvc4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PitchMethodTest {

    @Test
    void parses_every_single_method_by_its_request_name() {
        for (PitchAlgorithm a : PitchAlgorithm.values()) {
            assertThat(PitchMethod.parse(a.id()).algorithms()).containsExactly(a);
        }
    }

    @Test
    void parses_a_hybrid_in_order_and_prints_it_back() {
        PitchMethod m = PitchMethod.parse("hybrid[rmvpe+crepe-tiny+harvest]");
        assertThat(m.algorithms()).containsExactly(PitchAlgorithm.RMVPE, PitchAlgorithm.CREPE_TINY, PitchAlgorithm.HARVEST);
        assertThat(m.isHybrid()).isTrue();
        assertThat(m).hasToString("hybrid[rmvpe+crepe-tiny+harvest]");
        assertThat(PitchMethod.parse(m.toString())).isEqualTo(m);
    }

    @Test
    void reads_aicovergens_mangio_crepe_as_crepe() {
        assertThat(PitchMethod.parse("mangio-crepe").algorithms()).containsExactly(PitchAlgorithm.CREPE);
        assertThat(PitchMethod.parse("Mangio-Crepe-Tiny").algorithms()).containsExactly(PitchAlgorithm.CREPE_TINY);
    }

    @Test
    void rejects_an_unknown_method_listing_the_valid_ones() {
        assertThatThrownBy(() -> PitchMethod.parse("yin"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("f0_method")
                .hasMessageContaining("'yin'")
                .hasMessageContaining("rmvpe, crepe, crepe-tiny, harvest, pm, fcpe");
    }

    @Test
    void rejects_a_hybrid_of_one_or_with_repeats() {
        assertThatThrownBy(() -> PitchMethod.parse("hybrid[rmvpe]")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("two or more");
        assertThatThrownBy(() -> new PitchMethod(List.of(PitchAlgorithm.PM, PitchAlgorithm.PM)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("once");
    }
}
