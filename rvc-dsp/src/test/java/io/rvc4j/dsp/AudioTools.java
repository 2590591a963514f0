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
 * needs an absent tool is skipped by assumption on a developer machine, but FAILS when the environment variable
 * {@value #REQUIRE_TOOLS_ENV} is {@code 1}: CI (.ci/run) installs the tools and exports it, so a missing tool can
 * never turn the integration tests into silent skips there.
 */
public final class AudioTools {
    /** Set to 1 (CI) to make a missing tool a failure instead of a skip. */
    public static final String REQUIRE_TOOLS_ENV = "RVC4J_REQUIRE_TOOLS";

    private AudioTools() {
    }

    /** Skips the calling test when {@code tool} is missing, or fails it when tools are required. */
    public static void requireTool(String tool) {
        requireTool(tool, "1".equals(System.getenv(REQUIRE_TOOLS_ENV)));
    }

    static void requireTool(String tool, boolean strict) {
        if (available(tool)) {
            return;
        }
        String message = tool + " is not installed";
        if (strict) {
            throw new IllegalStateException(message + " and " + REQUIRE_TOOLS_ENV + "=1 requires it (.ci/run "
                    + "installs sox, ffmpeg, lame, flac, vorbis-tools and espeak-ng)");
        }
        assumeTrue(false, message);
    }

    public static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a command, failing the test when the command fails; a missing tool skips the test, or fails it under
     * {@value #REQUIRE_TOOLS_ENV}=1.
     */
    public static void run(String... command) {
        requireTool(command[0]);
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
