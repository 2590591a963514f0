package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData.DType;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RvcModelFileTest {

    @Test
    void reads_v2_inference_file_metadata_and_weights() throws Exception {
        RvcModelFile m = RvcModelFile.read(Fixtures.file("rvc_v2_40k.pth"));
        assertThat(m.version()).isEqualTo("v2");
        assertThat(m.sampleRate()).isEqualTo(40000);
        assertThat(m.pitchGuided()).isTrue();
        assertThat(m.speakers()).isEqualTo(3);
        assertThat(m.config().spkEmbedDim()).as("config[-3] is overwritten by emb_g rows").isEqualTo(3);
        assertThat(m.config().upsampleRates()).containsExactly(10, 10, 2, 2);
        assertThat(m.config().upsampleKernelSizes()).containsExactly(16, 16, 4, 4);
        assertThat(m.config().toList()).hasSize(18);
        assertThat(m.info()).isEqualTo("200epoch");
        assertThat(m.trainingCheckpoint()).isFalse();
        assertThat(m.weights().get("dec.ups.0.weight_v").dtype()).isEqualTo(DType.F16);
        byte[] all = Files.readAllBytes(m.file());
        assertThat(m.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)));
        assertThat(m.profile().sampleRate()).isEqualTo(40000);
    }

    @Test
    void defaults_a_missing_version_to_v1_and_reads_no_f0_models() {
        RvcModelFile m = RvcModelFile.read(Fixtures.file("rvc_v1_40k_nof0_noversion.pth"));
        assertThat(m.version()).isEqualTo("v1");
        assertThat(m.pitchGuided()).isFalse();
        assertThat(m.weights()).doesNotContainKey("enc_p.emb_pitch.weight");
        assertThat(RvcModelFile.read(Fixtures.file("rvc_v1_32k.pth")).sampleRate()).isEqualTo(32000);
    }

    @Test
    void normalises_parametrized_weight_norm_names_and_bool_f0() {
        RvcModelFile m = RvcModelFile.read(Fixtures.file("rvc_v2_48k_applio.pth"));
        assertThat(m.weights()).containsKeys("dec.ups.0.weight_g", "dec.ups.0.weight_v");
        assertThat(m.weights().keySet()).noneMatch(k -> k.contains("parametrizations"));
        assertThat(m.weights().get("dec.ups.0.weight_g").shape()).containsExactly(8, 1, 1);
        assertThat(m.pitchGuided()).isTrue();
        assertThat(m.sampleRate()).isEqualTo(48000);
        assertThat(m.extras()).containsEntry("model_name", "applio-voice").containsEntry("epoch", 300L);
    }

    @Test
    void infers_the_config_of_a_training_checkpoint_from_shapes() {
        RvcModelFile m = RvcModelFile.read(Fixtures.file("rvc_training_G_v2_32k.pth"));
        assertThat(m.trainingCheckpoint()).isTrue();
        assertThat(m.version()).isEqualTo("v2");
        assertThat(m.sampleRate()).isEqualTo(32000);
        assertThat(m.pitchGuided()).isTrue();
        assertThat(m.speakers()).isEqualTo(109);
        assertThat(m.config().upsampleRates()).containsExactly(10, 8, 2, 2);
        assertThat(m.weights().keySet()).noneMatch(k -> k.startsWith("enc_q."));
        assertThat(m.weights().get("emb_g.weight").dtype()).isEqualTo(DType.F32);
    }

    @Test
    void explains_when_a_training_checkpoint_rate_is_ambiguous() {
        assertThatThrownBy(() -> RvcModelFile.read(Fixtures.file("rvc_training_G_v1_nof0_ambiguous.pth")))
                .isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("matches several")
                .hasMessageContaining(List.of(32000, 48000).toString());
    }

    @Test
    void rejects_files_that_are_not_rvc_models() {
        assertThatThrownBy(() -> RvcModelFile.read(Fixtures.file("views.pth")))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("not an RVC model");
        assertThatThrownBy(() -> RvcModelFile.read(Fixtures.file("npy_f4.npy")))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("not a PyTorch checkpoint");
    }
}
