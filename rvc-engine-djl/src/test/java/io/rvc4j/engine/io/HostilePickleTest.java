package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.UnsafeModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pickles whose payload, loaded by Python, creates a marker file (the fixture script proves each payload live in a
 * child Python first). Our reader must refuse them by naming the global, and the marker must never appear.
 */
class HostilePickleTest {

    /** Where make_file_fixtures.py points the payloads (meta.json: hostile_marker_dir). */
    private static final String MARKER_PREFIX = "/tmp/rvc4j-hostile-marker-";

    @ParameterizedTest
    @CsvSource({
        "os_system, os.system",
        "posix_system, posix.system",
        "builtins_eval, builtins.eval",
        "subprocess_popen, subprocess.Popen",
        "builtins_getattr, builtins.getattr"})
    void refuses_hostile_torch_files_naming_the_global_and_runs_nothing(String name, String global) throws Exception {
        Path marker = Path.of(MARKER_PREFIX + name);
        Files.deleteIfExists(marker);
        assertThatThrownBy(() -> TorchCheckpoint.read(Fixtures.file("hostile_" + name + ".pth")))
                .isInstanceOf(UnsafeModelFileException.class).hasMessageContaining("'" + global + "'");
        byte[] bare = Files.readAllBytes(Fixtures.file("hostile_" + name + ".pkl"));
        assertThatThrownBy(() -> TorchCheckpoint.readPickle(bare, name))
                .isInstanceOf(UnsafeModelFileException.class).hasMessageContaining("'" + global + "'");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource({"hostile_torch_save.pth", "hostile_torch_save_legacy.pth"})
    void refuses_a_payload_hidden_inside_an_ordinary_model_dict(String file) throws Exception {
        Path marker = Path.of(MARKER_PREFIX + "torch_save");
        Files.deleteIfExists(marker);
        assertThatThrownBy(() -> TorchCheckpoint.read(Fixtures.file(file)))
                .isInstanceOf(UnsafeModelFileException.class).hasMessageContaining("'posix.system'")
                .hasMessageContaining("nothing was executed");
        assertThat(marker).doesNotExist();
    }
}
