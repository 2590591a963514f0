package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestParamsTest {
    private static RequestParams of(Map<String, String> fields) {
        return new RequestParams(fields::get);
    }

    private static final ParamDefaults SEED = ParamDefaults.fromEnv(Map.of());

    @Test
    void seed_defaults_are_those_of_the_anivoicechanger_readme() {
        ConversionParams p = of(Map.of()).conversion(SEED.base());
        assertThat(p.pitch()).isZero();
        assertThat(p.rmsMixRate()).isEqualTo(1.0);
        assertThat(p.indexRate()).isZero();
        assertThat(p.f0Method().toString()).isEqualTo("rmvpe");
        assertThat(p.hybridWeight()).isEqualTo(0.33);
        assertThat(SEED.modelName()).isEmpty();
    }

    @Test
    void accepts_integral_numbers_for_integer_fields_and_rejects_fractions() {
        assertThat(of(Map.of("pitch_change", "7.0")).conversion(SEED.base()).pitch()).isEqualTo(7);
        assertThatThrownBy(() -> of(Map.of("pitch_change", "1.5")).conversion(SEED.base()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("pitch_change: must be an integer");
    }

    @Test
    void reports_core_range_errors_under_the_seed_field_names() {
        assertThatThrownBy(() -> of(Map.of("volume_envelope", "1.5")).conversion(SEED.base()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("volume_envelope: must be between 0 and 1, got 1.5")
                .extracting(e -> ((InvalidParameterException) e).parameter()).isEqualTo("volume_envelope");
        assertThatThrownBy(() -> of(Map.of("pitch_extraction_algo", "nope")).conversion(SEED.base()))
                .hasMessageStartingWith("pitch_extraction_algo: unknown pitch method 'nope'");
    }

    @Test
    void rejects_not_a_number_and_infinity() {
        assertThatThrownBy(() -> of(Map.of("index_rate", "NaN")).conversion(SEED.base()))
                .hasMessage("index_rate: must be a number, got 'NaN'");
        assertThatThrownBy(() -> of(Map.of("protect", "Infinity")).conversion(SEED.base()))
                .hasMessage("protect: must be a number, got 'Infinity'");
    }

    @Test
    void the_model_comes_from_the_request_then_from_model_name_env_and_is_otherwise_required() {
        ParamDefaults env = new ParamDefaults(Optional.of("bob"), SEED.base());
        assertThat(of(Map.of("model_name", "alice")).model(env)).isEqualTo(ModelRef.named("alice"));
        assertThat(of(Map.of()).model(env)).isEqualTo(ModelRef.named("bob"));
        assertThatThrownBy(() -> of(Map.of()).model(SEED)).hasMessageContaining("model_name: is required");
    }

    @Test
    void a_malformed_environment_default_fails_start_up_naming_it() {
        assertThatThrownBy(() -> ParamDefaults.fromEnv(Map.of("PITCH_CHANGE", "high")))
                .hasMessageContaining("PITCH_CHANGE");
        assertThatThrownBy(() -> ParamDefaults.fromEnv(Map.of("INDEX_RATE", "3")))
                .hasMessageContaining("index_rate").hasMessageContaining("between 0 and 1");
    }
}
