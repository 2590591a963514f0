package io.rvc4j.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.engine.io.FaissIndex;
import io.rvc4j.engine.io.FaissReader;
import io.rvc4j.engine.io.Fixtures;
import io.rvc4j.engine.io.RvcModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceModelDescriptionTest {

    @TempDir
    Path dir;

    /** An AICoverGen folder: the real torch.save v2 40k model and the faiss-written IVF16 index with nprobe 3. */
    private Path alice() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("alice"));
        Files.copy(Fixtures.file("rvc_v2_40k.pth"), folder.resolve("alice.pth"));
        Files.copy(Fixtures.file("ivf_nprobe3.index"), folder.resolve("added_IVF16_Flat_nprobe_3_alice_v2.index"));
        return folder;
    }

    @Test
    void describes_a_registry_model_from_its_pickle_and_index_header() throws Exception {
        Path folder = alice();
        VoiceModelDescription d = new DirectoryModelRegistry(dir).describe("alice");
        RvcModelFile file = RvcModelFile.read(folder.resolve("alice.pth"));
        assertThat(d.name()).isEqualTo("alice");
        assertThat(d.version()).isEqualTo("v2");
        assertThat(d.sampleRate()).isEqualTo(40_000);
        assertThat(d.pitchGuided()).isTrue();
        assertThat(d.speakers()).isEqualTo(file.speakers()).isPositive();
        assertThat(d.config()).hasSize(18).isEqualTo(file.config().toList());
        assertThat(d.info()).isEqualTo("200epoch");
        assertThat(d.sha256()).isEqualTo(file.sha256()).hasSize(64);
        assertThat(d.modelBytes()).isEqualTo(Files.size(folder.resolve("alice.pth")));
        VoiceModelDescription.IndexDescription index = d.index().orElseThrow();
        assertThat(index.type()).isEqualTo(FaissIndex.Type.IVF_FLAT);
        assertThat(index.dim()).isEqualTo(8);
        assertThat(index.ntotal()).isEqualTo(120);
        assertThat(index.nlist()).isEqualTo(16);
        assertThat(index.nprobe()).isEqualTo(3);
        Map<String, Object> json = d.toMap();
        assertThat(json).containsEntry("version", "v2").containsEntry("sample_rate", 40_000)
                .containsEntry("f0", true).containsEntry("sha256", file.sha256());
        @SuppressWarnings("unchecked")
        Map<String, Object> indexJson = (Map<String, Object>) json.get("index");
        assertThat(indexJson).containsEntry("dim", 8).containsEntry("ntotal", 120L)
                .containsEntry("nprobe", 3);
    }

    @Test
    void reads_only_the_index_header_not_its_vectors() throws Exception {
        Path folder = alice();
        Path index = folder.resolve("added_IVF16_Flat_nprobe_3_alice_v2.index");
        // Cut the last lists off: the header still fits (120 × 8 floats remain possible), the vectors do not.
        byte[] full = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(full, full.length - 600));
        assertThatThrownBy(() -> FaissReader.read(index)).isInstanceOf(InvalidModelFileException.class);
        assertThat(new DirectoryModelRegistry(dir).describe("alice").index().orElseThrow().ntotal()).isEqualTo(120);
    }

    @Test
    void describes_a_model_without_index_and_reports_unknown_names() throws Exception {
        Files.copy(Fixtures.file("rvc_v1_40k_nof0_noversion.pth"), dir.resolve("bob.pth"));
        DirectoryModelRegistry registry = new DirectoryModelRegistry(dir);
        VoiceModelDescription bob = registry.describe("bob");
        assertThat(bob.version()).isEqualTo("v1");
        assertThat(bob.pitchGuided()).isFalse();
        assertThat(bob.index()).isEmpty();
        assertThat(bob.toMap()).containsEntry("index", null);
        assertThatThrownBy(() -> registry.describe("nobody")).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Voice model not found: nobody");
    }

    @Test
    void refuses_a_file_that_is_not_an_rvc_model() throws Exception {
        Files.write(dir.resolve("junk.pth"), List.of("not a checkpoint"));
        assertThatThrownBy(() -> new DirectoryModelRegistry(dir).describe("junk"))
                .isInstanceOf(InvalidModelFileException.class);
    }
}
