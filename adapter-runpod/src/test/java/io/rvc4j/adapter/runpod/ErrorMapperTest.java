package io.rvc4j.adapter.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.ModelNotFoundException;
import org.junit.jupiter.api.Test;

/** Every failure becomes one error text; the seed's three messages lead where they apply. */
class ErrorMapperTest {

    @Test
    void keeps_messages_that_already_start_with_the_seeds_text() {
        assertThat(ErrorMapper.message(new ModelNotFoundException("Voice model not found: x (looked in /m)")))
                .isEqualTo("Voice model not found: x (looked in /m)");
        assertThat(ErrorMapper.message(new ModelNotFoundException("No model file exists in /m/x")))
                .isEqualTo("No model file exists in /m/x");
    }

    @Test
    void a_missing_support_file_names_itself_not_a_voice() {
        String message = "pitch model weights not found: looked for /m/rmvpe.pt";
        assertThat(ErrorMapper.message(new ModelNotFoundException(message))).isEqualTo(message);
    }

    @Test
    void puts_the_seeds_text_in_front_of_other_wordings() {
        assertThat(ErrorMapper.message(new InvalidAudioException("voice_audio: no audio stream")))
                .isEqualTo("Invalid base64 audio data: voice_audio: no audio stream");
    }

    @Test
    void engine_failures_and_bugs_still_become_an_error_text() {
        assertThat(ErrorMapper.message(new EngineException("CUDA out of memory")))
                .isEqualTo("Error during processing: CUDA out of memory");
        assertThat(ErrorMapper.message(new NullPointerException("x is null"))).isEqualTo(
                "Internal error: NullPointerException: x is null");
        assertThat(ErrorMapper.message(new OutOfMemoryError())).startsWith("Out of memory");
        assertThat(ErrorMapper.message(new UnsatisfiedLinkError("libtorch_cuda.so: cannot open"))).isEqualTo(
                "Internal error: UnsatisfiedLinkError: libtorch_cuda.so: cannot open");
    }
}
