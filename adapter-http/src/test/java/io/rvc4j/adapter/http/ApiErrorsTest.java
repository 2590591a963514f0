package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.error.ModelNotFoundException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
    @Test
    void a_missing_model_is_reported_in_the_seeds_words_without_the_servers_paths() {
        assertThat(ApiErrors.clientMessage(new ModelNotFoundException(
                "Voice model not found: carol (looked in /srv/rvc/models)"))).isEqualTo("Voice model not found: carol");
        assertThat(ApiErrors.clientMessage(new ModelNotFoundException("Voice model not found: carol")))
                .isEqualTo("Voice model not found: carol");
        assertThat(ApiErrors.clientMessage(new ModelNotFoundException(
                "pitch model weights not found: looked for /srv/rvc/assets/rmvpe.pt")))
                .matches("a model file the server needs was not found \\(ref [0-9a-f]+\\)");
    }
}
