package io.rvc4j.engine.hubert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.Fixtures;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpoint;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The content encoder against RVC main's Transformers HuBERT on random weights (fixtures:
 * tools/reference/make_pipeline_fixtures.py). The tiny model has 10 post-LN layers of width 32 and 4 heads; the wide
 * model has width 768, no layers, fp16 weights, as the v2 synthesizer input.
 */
class DjlContentEncoderParityTest {
    /** fp32 on CPU through 10 post-LN layers: the brief's 1e-4 bound holds with margin (measured ~1e-6). */
    private static final double TOLERANCE = 1e-4;
    private static final ContentEncoderConfig TINY = new ContentEncoderConfig(4, ContentEncoderConfig.BASE_STRIDES, 1e-5);
    private static final ContentEncoderConfig WIDE = new ContentEncoderConfig(12, ContentEncoderConfig.BASE_STRIDES, 1e-5);

    private static NDManager manager;
    private static DjlContentEncoder tiny;
    private static DjlContentEncoder wide;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        tiny = DjlContentEncoder.load(TorchCheckpoint.readStateDict(Fixtures.path("hubert/tiny_fairseq.pt"), "model"),
                TINY, manager);
        wide = DjlContentEncoder.load(
                TorchCheckpoint.readStateDict(Fixtures.path("hubert/wide768_fairseq_fp16.pt"), "model"), WIDE, manager);
    }

    @AfterAll
    static void close() {
        tiny.close();
        wide.close();
        manager.close();
    }

    @Test
    void matches_reference_v1_features_layer9_through_final_proj() {
        assertThat(error(tiny, FeatureSet.V1, "hubert/tiny_v1_seed3_20880.npy")).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void matches_reference_v2_features_of_the_last_layer() {
        assertThat(error(tiny, FeatureSet.V2, "hubert/tiny_v2_seed3_20880.npy")).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void matches_reference_768_wide_fp16_checkpoint() {
        assertThat(error(wide, FeatureSet.V2, "hubert/wide768_v2_seed3_20880.npy")).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void loads_a_transformers_folder_to_the_same_features() {
        try (DjlContentEncoder hf = ContentEncoderFiles.load(Fixtures.path("hubert/tiny_hf"), manager)) {
            assertThat(error(hf, FeatureSet.V1, "hubert/tiny_v1_seed3_20880.npy")).isLessThanOrEqualTo(TOLERANCE);
            assertThat(error(hf, FeatureSet.V2, "hubert/tiny_v2_seed3_20880.npy")).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void loads_a_fairseq_checkpoint_with_the_heads_it_declares() {
        try (DjlContentEncoder pt = ContentEncoderFiles.load(Fixtures.path("hubert/tiny_fairseq.pt"), manager)) {
            assertThat(error(pt, FeatureSet.V1, "hubert/tiny_v1_seed3_20880.npy")).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void reads_sizes_from_the_weights() {
        assertThat(tiny.layerCount()).isEqualTo(10);
        assertThat(tiny.featureDim(FeatureSet.V1)).isEqualTo(256);
        assertThat(tiny.featureDim(FeatureSet.V2)).isEqualTo(32);
        assertThat(wide.featureDim(FeatureSet.V2)).isEqualTo(768);
        assertThat(tiny.receptiveField()).isEqualTo(400);
        // floor((L - 400) / 320) + 1 (reference note section 5.3)
        assertThat(tiny.frames(20_880)).isEqualTo(65);
        assertThat(tiny.frames(399)).isZero();
    }

    @Test
    void rejects_audio_shorter_than_one_frame() {
        try (NDManager call = manager.newSubManager()) {
            NDArray wave = call.create(new float[399]);
            assertThatThrownBy(() -> tiny.encode(wave, FeatureSet.V2)).isInstanceOf(InvalidAudioException.class)
                    .hasMessageContaining("400 samples");
        }
    }

    @Test
    void rejects_v1_features_without_nine_layers() {
        try (NDManager call = manager.newSubManager()) {
            NDArray wave = call.create(new float[4000]);
            assertThatThrownBy(() -> wide.encode(wave, FeatureSet.V1)).isInstanceOf(InvalidModelFileException.class);
        }
    }

    @Test
    void rejects_a_checkpoint_with_a_missing_weight() {
        Map<String, TensorData> w = new java.util.HashMap<>(
                TorchCheckpoint.readStateDict(Fixtures.path("hubert/tiny_fairseq.pt"), "model"));
        w.remove("encoder.layer_norm.weight");
        assertThatThrownBy(() -> DjlContentEncoder.load(w, TINY, manager)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("encoder.layer_norm.weight");
    }

    @Test
    void frees_every_intermediate_array_of_a_call() {
        try (NDManager call = manager.newSubManager()) {
            NDArray wave = call.create(Fixtures.signal(8000, 3));
            tiny.encode(wave, FeatureSet.V1);
            // the wave and the returned features are all that remain on the caller's manager
            assertThat(call.getManagedArrays()).hasSize(2);
        }
    }

    static double error(DjlContentEncoder enc, FeatureSet set, String expected) {
        TensorData ref = Fixtures.npy(expected);
        try (NDManager call = manager.newSubManager()) {
            NDArray out = enc.encode(call.create(Fixtures.signal(20_880, 3)), set);
            assertThat(out.getShape().getShape()).isEqualTo(ref.shape());
            double err = Fixtures.maxAbs(out.toFloatArray(), ref.toFloatArray());
            System.out.printf("content encoder %s %s: max abs %.3g%n", expected, set, err);
            return err;
        }
    }
}
