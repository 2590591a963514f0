package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.port.in.StageListener.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProgressTest {
    private final StringWriter err = new StringWriter();

    private Progress progress(String... args) {
        ProgressOptions options = new ProgressOptions();
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return options.start(new PrintWriter(err), 2);
    }

    private static void twoItems(Progress p) {
        p.stages("a.wav").started(Stage.DECODE);
        p.stages("a.wav").started(Stage.F0);
        p.advance();
        p.step("b.wav", "writing");
        p.advance();
        p.finish("done");
    }

    @Test
    void always_redraws_one_line_in_place_with_ansi_erase_line() {
        twoItems(progress("--progress", "always"));
        assertThat(err.toString()).isEqualTo(
                "\r\033[2K[1/2] ░░░░░░░░░░░░░░░░░░░░░░░░ a.wav: decode"
                + "\r\033[2K[1/2] ░░░░░░░░░░░░░░░░░░░░░░░░ a.wav: f0"
                + "\r\033[2K[2/2] ████████████░░░░░░░░░░░░ b.wav: writing"
                + "\r\033[2Kdone" + System.lineSeparator());
    }

    @Test
    void never_prints_one_plain_line_per_stage_without_escape_codes() {
        twoItems(progress("--progress", "NEVER"));
        String nl = System.lineSeparator();
        assertThat(err.toString()).isEqualTo(
                "[1/2] ░░░░░░░░░░░░░░░░░░░░░░░░ a.wav: decode" + nl
                + "[1/2] ░░░░░░░░░░░░░░░░░░░░░░░░ a.wav: f0" + nl
                + "[2/2] ████████████░░░░░░░░░░░░ b.wav: writing" + nl
                + "done" + nl);
    }

    @Test
    void a_result_line_erases_a_redrawn_bar_first_so_the_two_do_not_share_a_terminal_line() {
        Progress p = progress("--progress", "always");
        StringWriter out = new StringWriter();
        p.step("a.wav", "writing");
        p.message(new PrintWriter(out), "wrote a.wav");
        assertThat(err.toString()).isEqualTo("\r\033[2K[1/2] ░░░░░░░░░░░░░░░░░░░░░░░░ a.wav: writing\r\033[2K");
        assertThat(out.toString()).isEqualTo("wrote a.wav" + System.lineSeparator());

        err.getBuffer().setLength(0);
        progress("--progress", "never").message(new PrintWriter(new StringWriter()), "wrote b.wav");
        assertThat(err.toString()).as("nothing to erase on plain lines").isEmpty();
    }

    @Test
    void quiet_prints_nothing_whatever_the_mode() {
        twoItems(progress("-q", "--progress", "always"));
        Progress p = progress("--quiet");
        p.step("x", "y");
        p.clear();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void auto_is_the_default() {
        ProgressOptions options = new ProgressOptions();
        new CommandLine(options).parseArgs();
        assertThat(options.mode).isEqualTo(Progress.Mode.AUTO);
    }

    @Test
    void stderr_is_a_terminal_when_it_points_at_a_pseudo_terminal_or_console() {
        assertThat(Terminal.decide("xterm-256color", Optional.of("/dev/pts/3"), false)).isTrue();
        assertThat(Terminal.decide(null, Optional.of("/dev/tty1"), false)).isTrue();
        assertThat(Terminal.decide("xterm", Optional.of("pipe:[123456]"), true)).as("2>&1 | tee").isFalse();
        assertThat(Terminal.decide("xterm", Optional.of("/home/u/log.txt"), true)).as("2> log").isFalse();
        assertThat(Terminal.decide("xterm", Optional.of("/dev/null"), true)).isFalse();
        assertThat(Terminal.decide("dumb", Optional.of("/dev/pts/3"), true)).as("TERM=dumb").isFalse();
    }

    @Test
    void without_proc_it_falls_back_to_the_console_and_term() {
        assertThat(Terminal.decide("xterm", Optional.empty(), true)).isTrue();
        assertThat(Terminal.decide("xterm", Optional.empty(), false)).isFalse();
        assertThat(Terminal.decide(null, Optional.empty(), true)).isFalse();
    }
}
