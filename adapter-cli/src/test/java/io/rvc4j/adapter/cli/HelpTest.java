package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers {@code --help} with its usage and exit code 0, without opening the engine. */
class HelpTest {
    static final List<List<String>> COMMANDS = List.of(List.of("models"), List.of("models", "add"),
            List.of("models", "remove"), List.of("inspect"), List.of("convert"), List.of("cover"), List.of("pitch"),
            List.of("bench"), List.of("demo"), List.of("generate-completion"));

    private static String help(List<String> command) {
        StringWriter out = new StringWriter();
        CommandLine cl = RvcCommand.commandLine((options, codec) -> {
            throw new AssertionError("the engine was opened");
        });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new));
        assertThat(code).as(String.join(" ", command)).isZero();
        return out.toString();
    }

    @Test
    void the_top_level_help_lists_every_command_and_the_exit_codes() {
        assertThat(help(List.of())).contains("Usage: rvc ", "models", "inspect", "convert", "cover", "pitch", "bench",
                "demo", "generate-completion", "0   success", "1   unexpected failure", "2   bad usage or input",
                "3   model not found");
    }

    @Test
    void every_command_prints_its_usage() {
        for (List<String> command : COMMANDS) {
            assertThat(help(command)).as(String.join(" ", command))
                    .startsWith("Usage: rvc " + String.join(" ", command));
        }
    }

    @Test
    void every_command_that_shows_progress_takes_quiet_and_progress() {
        for (String command : List.of("convert", "cover", "pitch", "bench", "demo")) {
            assertThat(help(List.of(command))).as(command).contains("-q, --quiet", "--progress=WHEN");
        }
        assertThat(help(List.of("models", "add"))).contains("-q, --quiet", "--progress=WHEN");
    }

    @Test
    void convert_and_cover_offer_the_encoding_options() {
        for (String command : List.of("convert", "cover")) {
            assertThat(help(List.of(command))).as(command).contains("--mp3-bitrate=KBPS", "--mp3-vbr=0..9",
                    "--wav-float");
        }
    }
}
