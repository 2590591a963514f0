package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.RvcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PitchExtractorRobustnessTest {
    @Test
    void rmvpe_rejects_audio_shorter_than_its_reflect_padding() {
        try (var rmvpe = new DjlRmvpePitchExtractor(PitchFixtures.resource("rmvpe-small.pt"))) {
            assertThatThrownBy(() -> rmvpe.f0(new float[512])).isInstanceOf(InvalidAudioException.class)
                    .hasMessageContaining("513");
        }
    }

    @Test
    void crepe_rejects_empty_audio_and_a_bad_hop_before_loading_anything(@TempDir Path dir) {
        try (var crepe = new DjlCrepePitchExtractor(dir.resolve("absent.pth"))) {
            assertThatThrownBy(() -> crepe.f0(new float[0], 160)).isInstanceOf(InvalidAudioException.class);
            assertThatThrownBy(() -> crepe.f0(new float[1600], 0)).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("crepe_hop_length");
        }
    }

    @Test
    void a_state_dict_of_the_wrong_model_is_an_invalid_model_file() {
        try (var crepe = new DjlCrepePitchExtractor(PitchFixtures.resource("rmvpe-small.pt"))) {
            assertThatThrownBy(() -> crepe.f0(new float[1600], 160)).isInstanceOf(InvalidModelFileException.class)
                    .hasMessageContaining("conv1.weight");
        }
    }

    @Test
    void a_corrupt_weights_file_is_reported_with_its_path(@TempDir Path dir) throws Exception {
        Path bad = Files.write(dir.resolve("rmvpe.pt"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        try (var rmvpe = new DjlRmvpePitchExtractor(bad)) {
            assertThatThrownBy(() -> rmvpe.f0(new float[16000])).isInstanceOf(RvcException.class)
                    .hasMessageContaining(bad.getFileName().toString());
        }
    }

    @Test
    void one_model_serves_concurrent_calls_with_identical_results() throws Exception {
        float[] audio = PitchFixtures.floats("rmvpe-voiced-audio.npy");
        try (var rmvpe = new DjlRmvpePitchExtractor(PitchFixtures.resource("rmvpe-small.pt"))) {
            float[] expected = rmvpe.f0(audio);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> rmvpe.f0(audio)));
                }
                for (Future<float[]> r : results) {
                    assertThat(r.get()).containsExactly(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void extract_returns_p_len_frames() {
        float[] audio = PitchFixtures.floats("rmvpe-noise-audio.npy"); // 8037 samples: p_len 50, 51 raw frames
        try (var rmvpe = new DjlRmvpePitchExtractor(PitchFixtures.resource("rmvpe-small.pt"))) {
            var track = rmvpe.extract(audio, new io.rvc4j.core.model.PitchRequest(
                    io.rvc4j.core.model.PitchMethod.RMVPE, 3, 128, 0.33));
            assertThat(track.frameCount()).isEqualTo(50);
            assertThat(track.frameRate()).isEqualTo(100.0);
        }
    }
}
