package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.engine.demo.DemoModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code rvc} as a user would, through the same command tree {@code main} builds, with captured output, over the
 * real engine and a models directory holding the random-weight demo voice. Harvest is used where f0 is needed so no
 * rmvpe.pt is required.
 */
class CliIT {
    @TempDir
    static Path models;
    @TempDir
    Path work;

    static Path hello;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void demoModels() {
        DemoModels.ensure(models);
        hello = Path.of(System.getProperty("rvc4j.root", "..")).resolve("examples/hello.wav");
    }

    static Run rvc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RvcCommand.commandLine(EngineFactory.DEFAULT);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] withModels(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--models-dir";
        all[args.length + 1] = models.toString();
        return all;
    }

    private static AudioClip decode(Path file) throws IOException {
        return new FfmpegAudioCodec().decode(Files.readAllBytes(file), DecodeSpec.NATIVE);
    }

    @Test
    void help_and_version_exit_0_and_list_every_command() {
        Run help = rvc("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("models", "inspect", "convert", "cover", "pitch", "bench", "demo",
                "generate-completion", "3   model not found");
        Run version = rvc("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).contains("rvc4j");
        for (List<String> command : HelpTest.COMMANDS) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            assertThat(rvc(args).code()).as(String.join(" ", command)).isZero();
        }
    }

    @Test
    void an_unknown_flag_exits_2_with_usage() {
        Run run = rvc("convert", "--model", "demo", "-i", "a.wav", "-o", "b.wav", "--frobnicate");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'", "Usage: rvc convert");
        Run missing = rvc("convert");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required options");
    }

    @Test
    void an_out_of_range_value_exits_2_naming_the_range() {
        Run run = rvc(withModels("convert", "--model", "demo", "-i", hello.toString(), "-o",
                work.resolve("x.wav").toString(), "--pitch", "30"));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("pitch: must be an integer between -24 and 24, got 30");
        assertThat(work.resolve("x.wav")).doesNotExist();
    }

    @Test
    void a_missing_input_or_undecodable_audio_exits_2() throws IOException {
        Run missing = rvc(withModels("convert", "--model", "demo", "-i", work.resolve("nope.wav").toString(), "-o",
                work.resolve("x.wav").toString()));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.wav");
        Path junk = Files.writeString(work.resolve("junk.wav"), "this is not audio");
        Run undecodable = rvc(withModels("convert", "--model", "demo", "-i", junk.toString(), "-o",
                work.resolve("y.wav").toString()));
        assertThat(undecodable.code()).isEqualTo(2);
        assertThat(undecodable.err()).contains("junk.wav");
    }

    @Test
    void an_unknown_model_exits_3() {
        Run run = rvc(withModels("convert", "--model", "nosuch", "-i", hello.toString(), "-o",
                work.resolve("x.wav").toString()));
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("Voice model not found", "nosuch");
    }

    @Test
    void an_output_beneath_a_regular_file_exits_1_naming_the_file() throws IOException {
        Path plain = Files.writeString(work.resolve("plain.txt"), "a regular file, not a folder");
        Run run = rvc(withModels("convert", "--model", "demo", "--f0-method", "pm", "-q", "-i", hello.toString(),
                "-o", plain.resolve("out.wav").toString()));
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("rvc: cannot write ").contains(plain + " is not a directory");
        assertThat(Files.readString(plain)).isEqualTo("a regular file, not a folder");
        Run cover = rvc(withModels("cover", "--model", "demo", "--vocals", hello.toString(), "--instrumental",
                hello.toString(), "-o", plain.resolve("mix.mp3").toString()));
        assertThat(cover.code()).as(cover.err()).isEqualTo(1);
        assertThat(cover.err()).startsWith("rvc: cannot write ").contains(plain + " is not a directory");
    }

    @Test
    void models_lists_the_demo_voice_as_text_and_json() {
        Run text = rvc(withModels("models"));
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("demo");
        Run json = rvc(withModels("models", "--json"));
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"name\" : \"demo\"", "demo.pth");
    }

    @Test
    void convert_writes_the_model_rate_output_and_skips_existing_files_unless_overwrite() throws IOException {
        Path out = work.resolve("out.wav");
        Run first = rvc(withModels("convert", "--model", "demo", "--f0-method", "harvest", "--deterministic", "-q",
                "-i", hello.toString(), "-o", out.toString()));
        assertThat(first.code()).as(first.err()).isZero();
        AudioClip clip = decode(out);
        AudioClip input = decode(hello);
        assertThat(clip.sampleRate()).isEqualTo(40_000);
        // RVC's output is one or two 10 ms frames shorter than the input.
        assertThat(clip.durationSeconds()).isCloseTo(input.durationSeconds(), within(0.03));
        assertThat(clip.peak()).isGreaterThan(0.01f);

        byte[] before = Files.readAllBytes(out);
        Run again = rvc(withModels("convert", "--model", "demo", "--f0-method", "harvest", "-q", "-i",
                hello.toString(), "-o", out.toString()));
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("skipped");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);

        Run overwrite = rvc(withModels("convert", "--model", "demo", "--f0-method", "harvest", "--deterministic",
                "-q", "--overwrite", "-i", hello.toString(), "-o", out.toString()));
        assertThat(overwrite.code()).isZero();
        // Deterministic mode: the same input gives the same bytes.
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
    }

    @Test
    void convert_takes_a_directory_and_names_outputs_after_input_and_model() throws IOException {
        Path in = Files.createDirectories(work.resolve("in"));
        Files.copy(hello, in.resolve("a.wav"));
        Files.copy(hello, in.resolve("b.wav"));
        Files.writeString(in.resolve("notes.txt"), "not audio, not picked up");
        Path outDir = work.resolve("outdir");
        Run run = rvc(withModels("convert", "--model", "demo", "--f0-method", "pm", "--output-format", "flac",
                "--progress", "never", "-i", in.toString(), "-o", outDir.toString()));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(outDir.resolve("a_demo.flac")).isRegularFile();
        assertThat(outDir.resolve("b_demo.flac")).isRegularFile();
        // --progress never: one plain line per stage, no escape codes
        assertThat(run.err()).doesNotContain("\033").containsSubsequence(
                "[1/2] ░░░░░░░░░░░░░░░░░░░░░░░░ a.wav: loading models\n", "a.wav: reading\n", "a.wav: decode\n",
                "a.wav: f0\n", "a.wav: features, synthesis\n", "a.wav: encode\n", "a.wav: writing\n",
                "[2/2] ████████████░░░░░░░░░░░░ b.wav: reading\n", "b.wav: decode\n", "b.wav: f0\n",
                "b.wav: features, synthesis\n", "b.wav: encode\n", "b.wav: writing\n", "converted 2, skipped 0\n");
    }

    @Test
    void pitch_writes_a_csv_of_time_and_f0() throws IOException {
        Path csv = work.resolve("f0.csv");
        Run run = rvc(withModels("pitch", "--f0-method", "pm", "-i", hello.toString(), "-o", csv.toString()));
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("time_s,f0_hz");
        double seconds = decode(hello).durationSeconds();
        assertThat(lines.size() - 1).isCloseTo((int) (seconds * 100), within(2));
        assertThat(lines.get(1)).startsWith("0.00,");
        long voiced = lines.stream().skip(1).filter(l -> Double.parseDouble(l.split(",")[1]) > 0).count();
        assertThat(voiced).as("espeak speech has voiced frames").isGreaterThan(50);
    }

    @Test
    void cover_mixes_vocals_and_instrumental_into_an_mp3() throws IOException {
        Path out = work.resolve("cover.mp3");
        Run run = rvc(withModels("cover", "--model", "demo", "--f0-method", "pm", "--vocals", hello.toString(),
                "--instrumental", hello.toString(), "--pitch-change-all", "2", "--inst-gain", "-3", "-o",
                out.toString(), "--progress", "always"));
        assertThat(run.code()).as(run.err()).isZero();
        // --progress always: every stage redraws the one line in place (CR + ANSI erase line), a newline only at the end
        String redraw = "\r\033[2K[1/1] ░░░░░░░░░░░░░░░░░░░░░░░░ hello.wav: ";
        assertThat(run.err()).containsSubsequence(redraw + "loading the engine", redraw + "loading models",
                redraw + "decode", redraw + "f0", redraw + "features, synthesis", redraw + "effects",
                redraw + "pitch shift", redraw + "mix", redraw + "encode",
                "\r\033[2K[1/1] ░░░░░░░░░░░░░░░░░░░░░░░░ hello.wav: writing\r\033[2Kcover demo: ");
        assertThat(run.err().chars().filter(c -> c == '\n').count()).as("newlines").isEqualTo(1);
        AudioClip mix = decode(out);
        assertThat(mix.sampleRate()).isEqualTo(44_100);
        assertThat(mix.channelCount()).isEqualTo(2);
        assertThat(mix.durationSeconds()).isCloseTo(decode(hello).durationSeconds(), within(0.1));
    }

    @Test
    void encoding_flags_set_the_mp3_bitrate_vbr_and_float_wav_of_the_written_file() throws IOException {
        // one second of the example keeps the three conversions short
        AudioClip full = decode(hello);
        Path input = work.resolve("one_second.wav");
        Files.write(input, new FfmpegAudioCodec().encode(AudioClip.mono(full.sampleRate(),
                java.util.Arrays.copyOf(full.monoSamples(), full.sampleRate())), io.rvc4j.core.model.OutputFormat.WAV));

        Path cbr = work.resolve("cbr.mp3");
        Run run = rvc(withModels("convert", "--model", "demo", "--f0-method", "pm", "-q", "-i", input.toString(),
                "-o", cbr.toString(), "--mp3-bitrate", "128"));
        assertThat(run.code()).as(run.err()).isZero();
        byte[] mp3 = Files.readAllBytes(cbr);
        int first = Mp3Frames.firstFrame(mp3);
        assertThat(Mp3Frames.bitrateKbps(mp3, first)).isEqualTo(128);
        assertThat(Mp3Frames.bitrateKbps(mp3, first + Mp3Frames.length(mp3, first))).as("second frame").isEqualTo(128);
        assertThat(Mp3Frames.xingTag(mp3, first)).as("LAME's CBR tag").isEqualTo("Info");

        Path vbr = work.resolve("vbr.mp3");
        run = rvc(withModels("convert", "--model", "demo", "--f0-method", "pm", "-q", "-i", input.toString(),
                "-o", vbr.toString(), "--mp3-vbr", "4"));
        assertThat(run.code()).as(run.err()).isZero();
        mp3 = Files.readAllBytes(vbr);
        assertThat(Mp3Frames.xingTag(mp3, Mp3Frames.firstFrame(mp3))).as("LAME's VBR tag").isEqualTo("Xing");

        Path flt = work.resolve("float.wav");
        run = rvc(withModels("convert", "--model", "demo", "--f0-method", "pm", "-q", "-i", input.toString(),
                "-o", flt.toString(), "--wav-float"));
        assertThat(run.code()).as(run.err()).isZero();
        byte[] wav = Files.readAllBytes(flt);
        assertThat(WavFormat.formatTag(wav)).as("WAVE_FORMAT_IEEE_FLOAT").isEqualTo(3);
        assertThat(WavFormat.bitsPerSample(wav)).isEqualTo(32);
        assertThat(decode(flt).sampleRate()).isEqualTo(40_000);
    }

    @Test
    void demo_converts_the_example_end_to_end() throws IOException {
        Path out = work.resolve("demo.wav");
        Run run = rvc(withModels("demo", "-i", hello.toString(), "-o", out.toString()));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("converted", "random weights");
        assertThat(decode(out).sampleRate()).isEqualTo(40_000);
    }

    @Test
    void inspect_prints_a_models_metadata_as_json() {
        Run run = rvc("inspect", models.resolve("demo/demo.pth").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"version\" : \"v2\"", "\"sample_rate\" : 40000", "\"f0\" : true",
                "RANDOM WEIGHTS", "\"sha256\"");
        assertThat(rvc("inspect", work.resolve("missing.pth").toString()).code()).isEqualTo(2);
    }

    @Test
    void models_add_installs_a_zip_refuses_a_duplicate_and_remove_deletes_it() throws IOException {
        Path dir = Files.createDirectories(work.resolve("models"));
        Path zip = work.resolve("Singer.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("nested/Singer_e200.pth"));
            out.write(Files.readAllBytes(models.resolve("demo/demo.pth")));
            out.closeEntry();
        }
        Run add = rvc("models", "add", zip.toString(), "--name", "singer", "--models-dir", dir.toString());
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(dir.resolve("singer/singer.pth")).isRegularFile();
        assertThat(rvc("models", "--models-dir", dir.toString()).out()).contains("singer");

        Run again = rvc("models", "add", zip.toString(), "--name", "singer", "--models-dir", dir.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");

        Path evil = work.resolve("evil.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(evil))) {
            out.putNextEntry(new java.util.zip.ZipEntry("../../escape.pth"));
            out.write(new byte[] {'P', 'K', 3, 4});
            out.closeEntry();
        }
        Run traversal = rvc("models", "add", evil.toString(), "--models-dir", dir.toString());
        assertThat(traversal.code()).isEqualTo(2);
        assertThat(traversal.err()).contains("outside the model folder");
        assertThat(work.resolve("escape.pth")).doesNotExist();

        Run remove = rvc("models", "remove", "singer", "--models-dir", dir.toString());
        assertThat(remove.code()).as(remove.err()).isZero();
        assertThat(dir.resolve("singer")).doesNotExist();
        assertThat(rvc("models", "remove", "singer", "--models-dir", dir.toString()).code()).isEqualTo(3);
    }

    @Test
    void generates_a_bash_completion_script() {
        Run run = rvc("generate-completion");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("complete -F", "_picocli_rvc");
    }
}
