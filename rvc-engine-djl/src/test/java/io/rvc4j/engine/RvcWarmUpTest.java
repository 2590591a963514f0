package io.rvc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.engine.demo.DemoModels;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Rvc.warmUp()} on the real engine: loads what a conversion needs, or says what is missing. */
class RvcWarmUpTest {

    @TempDir
    static Path models;

    @BeforeAll
    static void demo() {
        DemoModels.ensure(models);
    }

    @Test
    void loads_the_demo_voice_with_a_weightless_pitch_method() {
        try (Rvc rvc = Rvc.builder().modelsDir(models).device("cpu").build()) {
            assertThatCode(() -> rvc.warmUp().warmUp(ModelRef.named(DemoModels.VOICE), PitchMethod.parse("harvest")))
                    .doesNotThrowAnyException();
            assertThat(rvc.checkHealth().health().models()).contains(DemoModels.VOICE);
        }
    }

    @Test
    void names_the_missing_rmvpe_file() {
        try (Rvc rvc = Rvc.builder().modelsDir(models).device("cpu").build()) {
            assertThatThrownBy(() -> rvc.warmUp().warmUp(ModelRef.named(DemoModels.VOICE), PitchMethod.RMVPE))
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("rmvpe.pt");
        }
    }

    @Test
    void an_unknown_voice_is_the_seed_error() {
        try (Rvc rvc = Rvc.builder().modelsDir(models).device("cpu").build()) {
            assertThatThrownBy(() -> rvc.warmUp().warmUp(ModelRef.named("nobody"), PitchMethod.RMVPE))
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("Voice model not found");
        }
    }
}
