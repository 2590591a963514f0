package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The checks {@code convert} and {@code cover} make on their paths before the engine opens: they need no models and
 * no audio that decodes, so the engine factory here fails the test if it is ever called.
 */
class InputOutputChecksTest {
    private static final EngineFactory NO_ENGINE = (options, codec) -> {
        throw new AssertionError("the engine was opened");
    };

    @TempDir
    Path work;

    record Run(int code, String err) {
    }

    private static Run rvc(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = RvcCommand.commandLine(NO_ENGINE);
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), err.toString());
    }

    private Path file(String name) throws IOException {
        return Files.writeString(work.resolve(name), "audio bytes; never decoded here");
    }

    /** A sparse file: its length is set, no disk blocks are written. */
    private Path sparse(String name, long length) throws IOException {
        Path file = work.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
        return file;
    }

    @Test
    void several_inputs_with_a_file_like_output_are_a_usage_error() throws IOException {
        Path out = work.resolve("out.wav");
        Run run = rvc("convert", "--model", "demo", "-i", file("a.wav").toString(), file("b.wav").toString(), "-o",
                out.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("rvc: 2 inputs need an output directory, but -o " + out
                + " names a .wav file");
        assertThat(out).doesNotExist();
    }

    @Test
    void an_existing_directory_named_like_an_audio_file_is_a_valid_output_for_several_inputs() throws IOException {
        Path out = Files.createDirectories(work.resolve("takes.wav"));
        StringWriter err = new StringWriter();
        CommandLine cl = RvcCommand.commandLine((options, codec) -> {
            throw new IllegalStateException("engine reached");
        });
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("convert", "--model", "demo", "-q", "-i", file("a.wav").toString(),
                file("b.wav").toString(), "-o", out.toString());
        // past the output checks: the engine factory is reached, and its failure is the command's
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("rvc: engine reached" + System.lineSeparator());
    }

    @Test
    void a_directory_of_inputs_with_an_existing_file_as_output_is_a_usage_error() throws IOException {
        Path in = Files.createDirectories(work.resolve("in"));
        Files.writeString(in.resolve("a.wav"), "x");
        Path existing = file("existing");
        Run run = rvc("convert", "--model", "demo", "-i", in.toString(), "-o", existing.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("rvc: -o " + existing + " is a file, but the input needs an output directory");
    }

    @Test
    void an_input_over_2_gib_is_refused_before_reading_it() throws IOException {
        Path huge = sparse("huge.wav", 3L << 30);
        Run convert = rvc("convert", "--model", "demo", "-i", huge.toString(), "-o", work.resolve("o.wav").toString());
        assertThat(convert.code()).isEqualTo(2);
        assertThat(convert.err()).startsWith("rvc: " + huge + ": 3221225472 bytes, more than the 2147483639 bytes "
                + "(2 GiB) an input file can have");
        Run cover = rvc("cover", "--model", "demo", "--vocals", file("v.wav").toString(), "--instrumental",
                huge.toString(), "-o", work.resolve("mix.mp3").toString());
        assertThat(cover.code()).isEqualTo(2);
        assertThat(cover.err()).contains(huge + ": 3221225472 bytes, more than");
        Run pitch = rvc("pitch", "-i", huge.toString());
        assertThat(pitch.code()).isEqualTo(2);
        assertThat(pitch.err()).contains(huge + ": 3221225472 bytes, more than");
    }

    @Test
    void an_input_of_exactly_the_limit_passes_the_size_check() throws IOException {
        Path edge = sparse("edge.wav", AudioFiles.MAX_INPUT_BYTES);
        assertThat(AudioFiles.requireReadable(edge)).isEqualTo(AudioFiles.MAX_INPUT_BYTES);
    }
}
