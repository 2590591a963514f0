package io.rvc4j.engine.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositePitchExtractorTest {
    private static final float[] AUDIO = new float[1000]; // p_len = 1000 / 160 = 6

    /** A fake method returning fixed frames, to test dispatch and combination without a network. */
    private static PitchExtractor constant(float... f0) {
        return (audio, request) -> PitchTrack.of(f0, PitchTrack.RVC_FRAME_RATE);
    }

    private static PitchRequest request(String method, double weight) {
        return new PitchRequest(PitchMethod.parse(method), 3, 128, weight);
    }

    /** A request without f0_method_weight, as RunPod and every caller that does not give one. */
    private static PitchRequest request(String method) {
        return new PitchRequest(PitchMethod.parse(method), 3, 128);
    }

    @Test
    void dispatches_a_single_method_and_aligns_it_to_p_len() {
        var composite = new CompositePitchExtractor(Map.of(
                PitchAlgorithm.HARVEST, constant(100, 110, 120, 130, 140, 150, 160),
                PitchAlgorithm.PM, constant(200, 210, 220)));

        assertThat(composite.extract(AUDIO, request("harvest")).f0Hz())
                .containsExactly(100, 110, 120, 130, 140, 150);
        assertThat(composite.extract(AUDIO, request("pm")).f0Hz()).containsExactly(200, 210, 220, 0, 0, 0);
    }

    @Test
    void hybrid_of_three_without_a_weight_is_the_plain_median() {
        var composite = new CompositePitchExtractor(Map.of(
                PitchAlgorithm.HARVEST, constant(100, 0, 300, 0, 5, 6),
                PitchAlgorithm.PM, constant(200, 0, 100, 250, 5, 6),
                PitchAlgorithm.RMVPE, constant(300, 120, 200, 260, 5, 6)));

        float[] f0 = composite.extract(AUDIO, request("hybrid[harvest+pm+rmvpe]")).f0Hz();

        // np.median per frame, unvoiced 0 counting as a value (AICoverGen's nanmedian over 0-filled tracks)
        assertThat(f0).containsExactly(200, 0, 200, 250, 5, 6);
    }

    @Test
    void hybrid_of_two_without_a_weight_averages_like_numpy() {
        var composite = new CompositePitchExtractor(Map.of(
                PitchAlgorithm.HARVEST, constant(100, 0, 0, 0, 0, 0),
                PitchAlgorithm.PM, constant(200, 220, 0, 0, 0, 0)));

        float[] f0 = composite.extract(AUDIO, request("hybrid[harvest+pm]")).f0Hz();

        // np.nanmedian of two tracks is their mean (AICoverGen); the former fixed 0.33 weight gave pm's track here
        assertThat(f0).containsExactly(150, 110, 0, 0, 0, 0);
        assertThat(composite.extract(AUDIO, request("hybrid[harvest+pm]", 0.5)).f0Hz()).containsExactly(f0);
    }

    @Test
    void an_explicit_hybrid_weight_of_the_first_method_above_one_half_makes_it_win() {
        var composite = new CompositePitchExtractor(Map.of(
                PitchAlgorithm.HARVEST, constant(100, 100, 100, 100, 100, 100),
                PitchAlgorithm.PM, constant(200, 200, 200, 200, 200, 200),
                PitchAlgorithm.RMVPE, constant(300, 300, 300, 300, 300, 300)));

        assertThat(composite.extract(AUDIO, request("hybrid[harvest+pm+rmvpe]", 0.6)).at(0)).isEqualTo(100);
        // an explicit 0.33: the others weigh 0.335 each, the middle value (200) holds the median
        assertThat(composite.extract(AUDIO, request("hybrid[harvest+pm+rmvpe]", 0.33)).at(0)).isEqualTo(200);
        assertThat(composite.extract(AUDIO, request("hybrid[rmvpe+harvest+pm]", 0.6)).at(0)).isEqualTo(300);
    }

    @Test
    void rejects_fcpe_with_a_clear_message() {
        var composite = new CompositePitchExtractor(Map.of());

        assertThatThrownBy(() -> composite.extract(AUDIO, request("fcpe")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("fcpe")
                .hasMessageContaining("no FCPE weights");
    }

    @Test
    void rejects_a_method_without_an_extractor() {
        var composite = new CompositePitchExtractor(Map.of(PitchAlgorithm.PM, constant(1)));

        assertThatThrownBy(() -> composite.extract(AUDIO, request("harvest")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("harvest");
    }

    @Test
    void missing_weights_name_the_path_looked_at(@TempDir Path dir) {
        try (var composite = CompositePitchExtractor.forModelsDir(dir, Device.cpu(), Map.of())) {
            for (String[] c : new String[][] {{"rmvpe", "rmvpe.pt"}, {"crepe", "crepe_full.pth"},
                    {"crepe-tiny", "crepe_tiny.pth"}}) {
                assertThatThrownBy(() -> composite.extract(new float[16000], request(c[0])))
                        .isInstanceOf(ModelNotFoundException.class)
                        .hasMessageContaining(dir.resolve(c[1]).toAbsolutePath().toString());
            }
        }
    }

    @Test
    void runs_real_models_from_a_models_dir_and_mixes_them_at_p_len(@TempDir Path dir) throws Exception {
        java.nio.file.Files.copy(PitchFixtures.resource("rmvpe-small.pt"), dir.resolve("rmvpe.pt"));
        Path tiny = PitchFixtures.requireShared("models/crepe-tiny.pth");
        java.nio.file.Files.copy(tiny, dir.resolve("crepe_tiny.pth"));
        float[] audio = PitchFixtures.floats("rmvpe-voiced-audio.npy"); // 24000 samples: p_len 150
        float[] rmvpe = PitchFixtures.floats("rmvpe-voiced-f0.npy");
        try (var composite = CompositePitchExtractor.forModelsDir(dir, Device.cpu(), Map.of(PitchAlgorithm.PM,
                constant(new float[150])))) {
            PitchTrack r = composite.extract(audio, request("rmvpe"));
            PitchTrack c = composite.extract(audio, new PitchRequest(PitchMethod.parse("crepe-tiny"), 3, 160));
            PitchTrack h = composite.extract(audio, new PitchRequest(PitchMethod.parse("hybrid[rmvpe+crepe-tiny+pm]"),
                    3, 160));

            assertThat(r.frameCount()).isEqualTo(150);
            assertThat(c.frameCount()).isEqualTo(150);
            assertThat(h.frameCount()).isEqualTo(150);
            for (int t = 0; t < 150; t++) {
                assertThat(r.at(t) > 0).isEqualTo(rmvpe[t] > 0);
                // median of {rmvpe, crepe, 0}: the smaller of the two tracks when both are voiced, else 0
                float expected = Math.max(0, Math.min(r.at(t), c.at(t)));
                assertThat(h.at(t)).as("frame " + t).isEqualTo(expected);
            }
        }
    }

    @Test
    void close_is_idempotent(@TempDir Path dir) {
        var composite = CompositePitchExtractor.forModelsDir(dir, Device.cpu(), Map.of());
        composite.close();
        composite.close();
    }
}
