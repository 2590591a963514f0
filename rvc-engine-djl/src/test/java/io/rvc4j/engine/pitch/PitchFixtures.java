package io.rvc4j.engine.pitch;

import io.rvc4j.engine.io.Npy;
import io.rvc4j.engine.io.TensorData;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test fixtures: the committed ones under /pitch (tools/reference/make_pitch_fixtures.py) and the shared folder. */
public final class PitchFixtures {
    private PitchFixtures() {}

    static Path resource(String name) {
        try {
            var url = PitchFixtures.class.getResource("/pitch/" + name);
            if (url == null) {
                throw new IllegalStateException("missing test fixture /pitch/" + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TensorData npy(String name) {
        return Npy.read(resource(name));
    }

    static float[] floats(String name) {
        return npy(name).toFloatArray();
    }

    /**
     * A file of the shared folder ({@code shared/models/crepe-tiny.pth}, {@code shared/reference-data/...}): looked
     * for beside the project root and its ancestors (a worktree sits deeper than the main checkout).
     */
    static Optional<Path> shared(String relative) {
        for (Path p = searchStart(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path searchStart() {
        String root = System.getProperty("rvc4j.root");
        return (root == null || root.isBlank() ? Path.of("") : Path.of(root)).toAbsolutePath();
    }

    /** Set to 1 by CI: a missing shared file is then a failure, not a skip. */
    static final String REQUIRE_TOOLS_ENV = "RVC4J_REQUIRE_TOOLS";

    /**
     * The shared file, or: a test failure when {@code RVC4J_REQUIRE_TOOLS=1} (CI, where it must be present), else an
     * aborted (skipped) test with the path in the message (a developer machine without the shared folder).
     */
    public static Path requireShared(String relative) {
        Optional<Path> p = shared(relative);
        if (p.isPresent()) {
            return p.get();
        }
        String message = "shared/" + relative + " not found beside the project (looked upward from "
                + searchStart() + ")";
        if ("1".equals(System.getenv(REQUIRE_TOOLS_ENV))) {
            throw new AssertionError(message + " and " + REQUIRE_TOOLS_ENV + "=1");
        }
        org.junit.jupiter.api.Assumptions.abort(message + ": skipping (set " + REQUIRE_TOOLS_ENV + "=1 to fail)");
        throw new IllegalStateException("unreachable");
    }

    /** Like {@link #requireShared} for an external tool ({@code sox}, {@code espeak-ng}) found or not. */
    static void requireTool(boolean present, String what) {
        if (present) {
            return;
        }
        if ("1".equals(System.getenv(REQUIRE_TOOLS_ENV))) {
            throw new AssertionError(what + " not installed and " + REQUIRE_TOOLS_ENV + "=1");
        }
        org.junit.jupiter.api.Assumptions.abort(what + " not installed: skipping");
    }

    static double cents(double a, double b) {
        return 1200 * Math.log(a / b) / Math.log(2);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    static double meanAbsDiff(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((double) a[i] - b[i]);
        }
        return s / a.length;
    }
}
