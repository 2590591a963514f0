package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launchers the build writes at the repository root ({@code bin/rvc}, {@code bin/rvc-server},
 * {@code bin/rvc-runpod}, DESIGN.md "Launchers") in a subprocess, as scripts and users call them. Each adapter writes
 * its launcher in its own {@code package} phase; adapter-cli is the last module of the parent pom, so in
 * {@code mvn verify} the reactor has packaged adapter-http and adapter-runpod before this test runs.
 */
class LauncherIT {
    /** A JVM start plus, for the unknown-model case, an engine build; far more than any of them takes. */
    private static final long TIMEOUT_SECONDS = 120;

    static final Path ROOT = Path.of(System.getProperty("rvc4j.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path work;

    record Run(int code, String out, String err) {
    }

    private Run launch(String launcher, String... args) throws IOException, InterruptedException {
        Path script = ROOT.resolve("bin").resolve(launcher);
        assertThat(script).as(launcher + " is written by its adapter's package phase (run mvn verify or mvn "
                + "-DskipTests package from the root)").isExecutable();
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        Path out = work.resolve(launcher + ".out");
        Path err = work.resolve(launcher + ".err");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(launcher + " " + command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void rvc_prints_the_version_and_exits_0() throws Exception {
        Run run = launch("rvc", "--version");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("rvc4j ");
    }

    @Test
    void rvc_exits_2_on_an_unknown_flag() throws Exception {
        Run run = launch("rvc", "convert", "--model", "demo", "-i", "a.wav", "-o", "b.wav", "--frobnicate");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'", "Usage: rvc convert");
    }

    @Test
    void rvc_exits_3_on_an_unknown_model() throws Exception {
        Path models = Files.createDirectories(work.resolve("models"));
        Run run = launch("rvc", "convert", "--models-dir", models.toString(), "--model", "nosuch", "-q",
                "-i", ROOT.resolve("examples/hello.wav").toString(), "-o", work.resolve("x.wav").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).startsWith("rvc: ").contains("nosuch");
        assertThat(work.resolve("x.wav")).doesNotExist();
    }

    @Test
    void rvc_server_prints_its_usage() throws Exception {
        Run run = launch("rvc-server", "--help");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: rvc-server", "--port");
    }

    @Test
    void rvc_runpod_prints_its_usage() throws Exception {
        Run run = launch("rvc-runpod", "--help");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: rvc-runpod", "--test_input");
    }
}
