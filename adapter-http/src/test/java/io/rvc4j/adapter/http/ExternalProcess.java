package io.rvc4j.adapter.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an independent client (curl, the system python3) as a child process. A missing tool or Python module fails the
 * test with the Debian packages to install (.ci/run installs them), never skips it: the clients are the evidence.
 */
final class ExternalProcess {
    /** Debian's interpreter, where python3-websockets and python3-requests install; RVC_SYSTEM_PYTHON overrides. */
    static final String PYTHON = systemPython();

    record Result(int exit, String stdout, String stderr) {
    }

    private ExternalProcess() {
    }

    private static String systemPython() {
        String env = System.getenv("RVC_SYSTEM_PYTHON");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** The repository root (the build passes it as rvc4j.root; the module's parent otherwise). */
    static Path root() {
        return Path.of(System.getProperty("rvc4j.root", "..")).toAbsolutePath().normalize();
    }

    static Result run(Path dir, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("rvc-client", ".out");
            err = Files.createTempFile("rvc-client", ".err");
            Process p = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("client did not finish within 60 s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (" + e.getMessage() + "); install it: "
                    + "apt-get install curl python3 python3-websockets python3-requests, as .ci/run does", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** Fails with the package names when the system python lacks one of {@code modules}. */
    static void requirePythonModules(String... modules) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", "import " + String.join(", ", modules)));
        Result r = run(null, cmd);
        if (r.exit() != 0) {
            throw new AssertionError(PYTHON + " cannot import " + String.join(", ", modules) + ": " + r.stderr().strip()
                    + "\nInstall Debian's python3-websockets and python3-requests (apt-get install -y python3-websockets"
                    + " python3-requests), as .ci/run does, or point RVC_SYSTEM_PYTHON at a python3 that has them.");
        }
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
