package io.rvc4j.engine.pitch;

import io.rvc4j.engine.io.Npy;
import io.rvc4j.engine.io.TensorData;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test fixtures: the committed ones under /pitch (tools/reference/make_pitch_fixtures.py) and the shared folder. */
final class PitchFixtures {
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
        String root = System.getProperty("rvc4j.root");
        Path dir = (root == null || root.isBlank() ? Path.of("") : Path.of(root)).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
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
