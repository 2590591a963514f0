package io.rvc4j.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.io.Fixtures;
import io.rvc4j.engine.io.RvcModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryModelRegistryTest {

    @TempDir
    Path dir;

    private Path model(Path folder, String file) throws Exception {
        Files.createDirectories(folder);
        return Files.copy(Fixtures.file("rvc_v2_40k.pth"), folder.resolve(file));
    }

    private Path touch(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    @Test
    void lists_aicovergen_folders_sorted_and_skips_support_files() throws Exception {
        touch(dir.resolve("hubert_base.pt"));
        touch(dir.resolve("rmvpe.pt"));
        model(dir, "crepe_tiny.pth");
        model(dir.resolve("Zed"), "zed_e200.pth");
        model(dir.resolve("alice"), "alice.pth");
        touch(dir.resolve("alice/trained_IVF10_Flat_nprobe_1_alice_v2.index"));
        touch(dir.resolve("alice/added_IVF10_Flat_nprobe_1_alice_v2.index"));
        touch(dir.resolve("alice/zz_other.index"));
        Files.createDirectories(dir.resolve("contentvec"));
        Files.createDirectories(dir.resolve("empty-folder"));

        List<VoiceModelInfo> models = new DirectoryModelRegistry(dir).list();
        assertThat(models).extracting(VoiceModelInfo::name).containsExactly("Zed", "alice");
        VoiceModelInfo alice = models.get(1);
        assertThat(alice.indexFile()).get().extracting(p -> p.getFileName().toString())
                .isEqualTo("added_IVF10_Flat_nprobe_1_alice_v2.index");
        assertThat(alice.modelBytes()).isEqualTo(Files.size(Fixtures.file("rvc_v2_40k.pth")));
        assertThat(models.get(0).indexFile()).isEmpty();
    }

    @Test
    void lists_a_flat_weights_directory_with_same_stem_indexes() throws Exception {
        model(dir, "bob.pth");
        model(dir, "carol.pth");
        touch(dir.resolve("carol.index"));
        DirectoryModelRegistry registry = new DirectoryModelRegistry(dir);
        assertThat(registry.list()).extracting(VoiceModelInfo::name).containsExactly("bob", "carol");
        assertThat(registry.resolve(ModelRef.named("carol")).indexFile()).contains(dir.resolve("carol.index"));
        assertThat(registry.resolve(ModelRef.named("bob")).indexFile()).isEmpty();
    }

    @Test
    void picks_the_first_pth_by_name_when_a_folder_has_several() throws Exception {
        model(dir.resolve("v"), "b.pth");
        model(dir.resolve("v"), "a.pth");
        assertThat(new DirectoryModelRegistry(dir).resolve(ModelRef.named("v")).modelFile().getFileName())
                .hasToString("a.pth");
    }

    @Test
    void reports_missing_models_with_the_seed_wording() throws Exception {
        Files.createDirectories(dir.resolve("hollow"));
        DirectoryModelRegistry registry = new DirectoryModelRegistry(dir);
        assertThatThrownBy(() -> registry.resolve(ModelRef.named("nobody"))).isInstanceOf(ModelNotFoundException.class)
                .hasMessage("Voice model not found: nobody (looked in " + dir.toAbsolutePath().normalize() + ")");
        assertThatThrownBy(() -> registry.resolve(ModelRef.named("hollow"))).isInstanceOf(ModelNotFoundException.class)
                .hasMessage("No model file exists in " + dir.toAbsolutePath().normalize().resolve("hollow"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "..", "a/b", "a\\b", "/etc/passwd", "C:evil", "nul\0byte", ".", " "})
    void rejects_names_that_could_escape_the_directory(String bad) {
        DirectoryModelRegistry registry = new DirectoryModelRegistry(dir);
        assertThatThrownBy(() -> registry.resolve(ModelRef.named(bad))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("model_name").hasMessageContaining("invalid model name");
    }

    @Test
    void names_the_bad_name_in_the_error() {
        assertThatThrownBy(() -> ModelNames.validate("../../secret")).hasMessageContaining("'../../secret'");
    }

    @Test
    void resolves_explicit_files_and_checks_they_exist() throws Exception {
        Path pth = model(dir.resolve("x"), "voice.pth");
        Path index = touch(dir.resolve("x/voice.index"));
        DirectoryModelRegistry registry = new DirectoryModelRegistry(dir.resolve("nowhere"));
        VoiceModelInfo info = registry.resolve(ModelRef.file(pth, index));
        assertThat(info.name()).isEqualTo("voice");
        assertThat(info.indexFile()).contains(index);
        assertThatThrownBy(() -> registry.resolve(ModelRef.file(dir.resolve("x/missing.pth"), null)))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("missing.pth");
        assertThat(registry.list()).as("a missing models directory lists as empty").isEmpty();
    }

    @Test
    void finds_support_files_at_the_root() throws Exception {
        DirectoryModelRegistry registry = new DirectoryModelRegistry(dir);
        assertThat(registry.hubertPath()).isEmpty();
        assertThat(registry.crepePath(DirectoryModelRegistry.CrepeSize.FULL)).isEmpty();
        touch(dir.resolve("hubert_base.pt"));
        touch(dir.resolve("rmvpe.pt"));
        touch(dir.resolve("crepe_full.pth"));
        touch(dir.resolve("contentvec/config.json"));
        assertThat(registry.hubertPath()).contains(dir.toAbsolutePath().normalize().resolve("hubert_base.pt"));
        assertThat(registry.rmvpePath()).isPresent();
        assertThat(registry.crepePath(DirectoryModelRegistry.CrepeSize.FULL)).isPresent();
        assertThat(registry.crepePath(DirectoryModelRegistry.CrepeSize.TINY)).isEmpty();
        assertThat(registry.contentvecPath()).isPresent();
        assertThat(registry.list()).as("support files are not voices").isEmpty();
    }

    @Test
    void lists_a_hundred_model_folders_without_loading_them() throws Exception {
        // Garbage .pth files: listing would throw if it parsed or loaded them (speed: ListingTiming, docs).
        List<Path> files = ListingTiming.hundredGarbageModels(dir);
        List<VoiceModelInfo> models = new DirectoryModelRegistry(dir).list();
        assertThat(models).hasSize(100);
        assertThat(models.get(42).name()).isEqualTo("voice-042");
        assertThat(models).allMatch(m -> m.indexFile().isPresent());
        assertThat(models.get(7).modelBytes()).isEqualTo(Files.size(files.get(7)));
        assertThatThrownBy(() -> RvcModelFile.read(models.get(7).modelFile()))
                .as("the files cannot be loaded, so listing did not load them")
                .isInstanceOf(InvalidModelFileException.class);
    }
}
