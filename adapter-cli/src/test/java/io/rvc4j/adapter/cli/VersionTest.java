package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version} prints the pom's version (passed to this test by adapter-cli/pom.xml) on every command. */
class VersionTest {
    private static final String POM_VERSION = System.getProperty("rvc4j.version");

    private static String version(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = RvcCommand.commandLine((options, codec) -> {
            throw new AssertionError("the engine was opened");
        });
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute(args)).isZero();
        return out.toString().strip();
    }

    @Test
    void the_version_is_the_poms() {
        assertThat(POM_VERSION).as("rvc4j.version system property").isNotBlank().doesNotContain("${");
        assertThat(VersionProvider.version()).isEqualTo(POM_VERSION);
        assertThat(version("--version")).isEqualTo("rvc4j " + POM_VERSION);
    }

    @Test
    void every_subcommand_prints_the_same_version() {
        for (List<String> command : List.of(List.of("convert"), List.of("cover"), List.of("models"),
                List.of("models", "add"), List.of("models", "remove"), List.of("inspect"), List.of("pitch"),
                List.of("bench"), List.of("demo"))) {
            String[] args = Stream.concat(command.stream(), Stream.of("--version")).toArray(String[]::new);
            assertThat(version(args)).as(String.join(" ", command)).isEqualTo("rvc4j " + POM_VERSION);
        }
    }
}
