package io.rvc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.engine.demo.DemoModels;
import io.rvc4j.engine.registry.VoiceModelDescription;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Rvc.describe(name)}: a voice's metadata through the engine API, without loading it. */
class RvcDescribeTest {

    @TempDir
    Path models;

    @Test
    void describes_the_demo_voice_through_the_engine_api() {
        DemoModels.ensure(models);
        try (Rvc rvc = Rvc.builder().modelsDir(models).device("cpu").build()) {
            VoiceModelDescription d = rvc.describe(DemoModels.VOICE);
            assertThat(d.version()).isEqualTo("v2");
            assertThat(d.sampleRate()).isEqualTo(40_000);
            assertThat(d.sha256()).hasSize(64);
            assertThat(rvc.checkHealth().health().models()).contains(DemoModels.VOICE);
            assertThatThrownBy(() -> rvc.describe("nobody")).isInstanceOf(ModelNotFoundException.class);
        }
    }
}
