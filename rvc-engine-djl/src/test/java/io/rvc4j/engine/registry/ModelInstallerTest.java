package io.rvc4j.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ModelInstallerTest {
    static byte[] zip(String... namesThenContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesThenContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesThenContents[i]));
                z.write(namesThenContents[i + 1].getBytes(StandardCharsets.ISO_8859_1));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private final ModelInstaller installer = new ModelInstaller(Path.of("/nonexistent"), 1024);

    @Test
    void rejects_zip_entries_that_climb_out_or_are_absolute() {
        assertThat(ModelInstaller.checkEntryPath("voice/model.pth")).isEqualTo("voice/model.pth");
        for (String bad : new String[] {"../x.pth", "a/../../x.pth", "/etc/x.pth", "..\\x.pth", "C:\\x.pth", "a/.."}) {
            assertThatThrownBy(() -> ModelInstaller.checkEntryPath(bad)).as(bad)
                    .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("outside");
        }
    }

    @Test
    void names_are_plain_file_names() {
        assertThat(ModelInstaller.checkName("Titan v2_48k")).isEqualTo("Titan v2_48k");
        for (String bad : new String[] {"../x", "a/b", ".hidden", "", "x".repeat(65), "a..b"}) {
            assertThatThrownBy(() -> ModelInstaller.checkName(bad)).as(bad).isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void a_zip_that_unpacks_past_the_limit_is_refused_as_too_large() throws Exception {
        byte[] zip = zip("m.pth", "PK\u0003\u0004" + "0".repeat(2000));
        assertThatThrownBy(() -> installer.fromZip(zip)).isInstanceOf(ModelInstaller.ModelTooLargeException.class)
                .hasMessageContaining("size limit");
    }

    @Test
    void checks_the_magic_numbers_of_checkpoints_and_indexes() {
        byte[] pickle = {(byte) 0x80, 2, 'a', 'b'};
        assertThat(installer.checked(pickle, Optional.empty()).model()).isEqualTo(pickle);
        assertThatThrownBy(() -> installer.checked("GIF89a".getBytes(StandardCharsets.US_ASCII), Optional.empty()))
                .isInstanceOf(InvalidModelFileException.class);
        assertThatThrownBy(() -> installer.checked(pickle, Optional.of("nope".getBytes(StandardCharsets.US_ASCII))))
                .hasMessageContaining("FAISS");
    }
}
