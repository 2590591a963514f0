package io.rvc4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchMethod;
import org.junit.jupiter.api.Test;

class WarmUpServiceTest {
    private final Fakes fakes = new Fakes();
    private final WarmUpService service = new WarmUpService(fakes.registry, fakes.pitch, fakes.converter);

    @Test
    void loads_the_voice_here_and_the_pitch_method_on_a_helper_thread() {
        service.warmUp(ModelRef.named("alice"), PitchMethod.parse("hybrid[rmvpe+harvest]"));
        assertThat(fakes.calls).containsExactly("registry.resolve alice", "converter.profile alice");
        assertThat(fakes.pitch.warmUpThread).isEqualTo("rvc-warm-up-pitch hybrid[rmvpe+harvest]");
    }

    @Test
    void an_unknown_voice_fails_before_anything_loads() {
        assertThatThrownBy(() -> service.warmUp(ModelRef.named("carol"), PitchMethod.RMVPE))
                .isInstanceOf(ModelNotFoundException.class).hasMessage("Voice model not found: carol");
        assertThat(fakes.pitch.warmUpThread).isNull();
        assertThat(fakes.calls).containsExactly("registry.resolve carol");
    }

    @Test
    void missing_pitch_weights_are_reported_after_the_voice_loaded() {
        fakes.pitch.warmUpFailure = new ModelNotFoundException("pitch model weights not found: looked for /m/rmvpe.pt");
        assertThatThrownBy(() -> service.warmUp(ModelRef.named("bob"), PitchMethod.RMVPE))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("rmvpe.pt");
        assertThat(fakes.calls).contains("converter.profile bob");
    }
}
