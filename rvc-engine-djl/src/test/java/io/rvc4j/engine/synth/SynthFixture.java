package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.engine.io.Npy;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One directory of {@code fixtures/synth/}, written by {@code tools/reference/make_synth_fixtures.py}; the model is
 * read from the RVC {@code .pth} itself.
 */
record SynthFixture(String name, Path dir, JsonNode meta, SynthesizerConfig config, Map<String, TensorData> weights) {

    static final List<String> VARIANTS = List.of("v1-f0-40k", "v2-f0-40k", "v2-f0-48k", "v2-nof0-32k", "v1-f0-48k",
            "v2-f0-40k-long", "v2-f0-40k-short", "v2-f0-40k-window", "v2-nof0-32k-window", "v1-nof0-40k", "v2-f0-32k",
            // the rest of the version x f0 x rate matrix
            "v1-f0-32k", "v1-nof0-32k", "v1-nof0-48k", "v2-nof0-40k", "v2-nof0-48k");

    static SynthFixture load(String name) {
        try {
            Path dir = resource("/fixtures/synth/" + name);
            JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
            Path pth = dir.resolveSibling(meta.get("model").asText()).resolve("model.pth");
            Object root = TorchCheckpoint.read(pth);
            return new SynthFixture(name, dir, meta, SynthesizerConfig.fromCheckpoint(root, pth.toString()),
                    TorchCheckpoint.stateDict(root, pth.toString(), "weight"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String path) {
        URL url = SynthFixture.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("test resource " + path + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean f0() {
        return config.f0();
    }

    /** {@code skip_head, return_length} of the realtime form, or null for a whole-sequence case. */
    int[] window() {
        JsonNode head = meta.get("skip_head");
        return head == null || head.isNull() ? null : new int[] {head.asInt(), meta.get("return_length").asInt()};
    }

    /** Frames the waveform covers. */
    long outputFrames() {
        return window() == null ? meta.get("frames").asLong() : window()[1];
    }

    /** Runs the synthesizer as the reference ran it (whole sequence or window). */
    SynthesisTrace trace(DjlSynthesizer s, NDArray[] in, boolean deterministic) {
        int[] w = window();
        return w == null ? s.trace(in[0], in[1], in[2], sid(), deterministic)
                : s.trace(in[0], in[1], in[2], sid(), deterministic, w[0], w[1]);
    }

    int sid() {
        return meta.get("sid").asInt();
    }

    TensorData tensor(String file) {
        return Npy.read(dir.resolve(file + ".npy"));
    }

    float[] floats(String file) {
        return tensor(file).toFloatArray();
    }

    /** The fixture array on {@code m}: fp16/fp32 as fp32, integers as int64. */
    NDArray array(NDManager m, String file) {
        TensorData t = tensor(file);
        Shape shape = new Shape(t.shape());
        return switch (t.dtype()) {
            case I64, I32 -> m.create(t.toLongArray(), shape);
            default -> m.create(t.toFloatArray(), shape);
        };
    }

    /** Inputs as the pipeline would pass them: phone, pitch, nsff0 (the last two null for no-f0 models). */
    NDArray[] inputs(NDManager m) {
        return new NDArray[] {array(m, "phone"), f0() ? array(m, "pitch") : null, f0() ? array(m, "nsff0") : null};
    }

    static float maxAbsError(float[] expected, float[] actual) {
        check(expected, actual);
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }

    /** {@code 10 log10(sum ref^2 / sum (ref - test)^2)}. */
    static double snrDb(float[] expected, float[] actual) {
        check(expected, actual);
        double sig = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            sig += (double) expected[i] * expected[i];
            double d = (double) expected[i] - actual[i];
            err += d * d;
        }
        return err == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(sig / err);
    }

    private static void check(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + " != expected " + expected.length);
        }
    }
}
