package io.rvc4j.dsp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Debian audio tools (sox, ffmpeg, lame, flac, oggenc, espeak-ng) to make real test files. A test that
 * needs an absent tool is skipped by assumption; CI (.ci/run) installs them all.
 */
public final class AudioTools {
    private AudioTools() {
    }

    public static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, skipping the test when the tool is missing, failing it when the command fails. */
    public static void run(String... command) {
        assumeTrue(available(command[0]), command[0] + " is not installed");
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** ffmpeg quietly, overwriting. */
    public static void ffmpeg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    /** A sine made by sox: {@code seconds} of {@code freq} Hz at amplitude 0.5, as 16-bit WAV. */
    public static Path soxSine(Path dir, String name, int rate, int channels, double freq, double seconds) {
        Path out = dir.resolve(name);
        run("sox", "-n", "-r", Integer.toString(rate), "-c", Integer.toString(channels), "-b", "16", out.toString(),
                "synth", Double.toString(seconds), "sine", Double.toString(freq), "vol", "0.5");
        return out;
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
