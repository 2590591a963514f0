package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.model.VoiceProfile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An RVC voice model file: the small inference {@code .pth} ({@code weight} + {@code config} + sr/f0/version/info,
 * rvc-reference.md 1.2) or a training checkpoint ({@code model} state dict, no config; 1.7), read without executing
 * anything. Weight-norm names are normalised to {@code weight_g}/{@code weight_v}; {@code enc_q.*} (training-only) is
 * dropped, as RVC does at load time.
 *
 * @param version "v1" (256-d features) or "v2" (768-d); "v1" when an old file has no version key
 * @param sampleRate the synthesizer's rate, config[-1] (authoritative, as in RVC's get_vc)
 * @param pitchGuided the f0 flag (int or bool in the file; 1 when missing, as in RVC)
 * @param speakers rows of {@code emb_g.weight}
 * @param config the 18 constructor arguments, with spkEmbedDim = speakers
 * @param info the file's {@code info} text ("" when missing)
 * @param weights the generator's tensors (fp16 in inference files, fp32 in training checkpoints)
 * @param sha256 SHA-256 of the whole file, hex
 * @param trainingCheckpoint true for {@code {"model": ...}} files whose config was inferred from shapes
 * @param extras other top-level scalar entries (Applio's epoch, author, model_name, ...)
 */
public record RvcModelFile(Path file, String version, int sampleRate, boolean pitchGuided, int speakers,
        RvcConfig config, String info, Map<String, TensorData> weights, String sha256, boolean trainingCheckpoint,
        Map<String, Object> extras) {

    private static final Set<String> KNOWN_KEYS = Set.of("weight", "model", "config", "info", "sr", "f0", "version");
    /** Applio's default vocoder; others (RefineGAN, MRF) are different architectures (rvc-reference.md 1.7). */
    private static final String HIFIGAN = "HiFi-GAN";

    public RvcModelFile {
        weights = Collections.unmodifiableMap(weights);
        extras = Collections.unmodifiableMap(extras);
    }

    /** What the converter needs to know, as the core's value. */
    public VoiceProfile profile() {
        return new VoiceProfile(sampleRate, pitchGuided, version, speakers);
    }

    public static RvcModelFile read(Path file) {
        ByteSource bytes = ByteSource.open(file);
        return of(file, bytes.sha256(), TorchCheckpoint.read(bytes));
    }

    /** True when an unpickled checkpoint has the shape of an RVC model (inference or training file). */
    static boolean looksLikeRvc(Object root) {
        if (!(root instanceof Map<?, ?> top)) {
            return false;
        }
        Object weights = top.containsKey("weight") ? top.get("weight") : top.get("model");
        return weights instanceof Map<?, ?> w && w.containsKey("emb_g.weight");
    }

    static RvcModelFile of(Path file, String sha256, Object root) {
        String source = file.toString();
        if (!(root instanceof Map<?, ?> top)) {
            throw new InvalidModelFileException(source + ": not an RVC model (top level is a "
                    + PickleMachine.typeName(root) + ", not a dict)");
        }
        boolean training = !top.containsKey("weight") && top.containsKey("model");
        if (!training && !top.containsKey("weight")) {
            throw new InvalidModelFileException(source + ": not an RVC model (no 'weight' or 'model' dict; keys: "
                    + PickleText.clip(top.keySet().toString()) + ")");
        }
        Map<String, TensorData> weights = new LinkedHashMap<>(WeightNames.normalise(
                TorchCheckpoint.stateDict(root, source, training ? "model" : "weight"), source));
        weights.keySet().removeIf(k -> k.startsWith("enc_q."));
        checkVocoder(top.get("vocoder"), source);

        TensorData emb = weights.get("emb_g.weight");
        if (emb == null || emb.rank() != 2 || emb.shape()[0] < 1) {
            throw new InvalidModelFileException(source + ": no usable emb_g.weight (the speaker table)");
        }
        int speakers = Math.toIntExact(emb.shape()[0]);
        RvcConfig config = top.containsKey("config") ? RvcConfig.fromList(top.get("config"), source).withSpeakers(
                speakers) : RvcShapes.inferConfig(weights, speakers, source);
        if (!top.containsKey("config") && top.containsKey("sr")
                && RvcConfig.sampleRate(top.get("sr"), source) != config.samplingRate()) {
            throw new InvalidModelFileException(source + ": 'sr' " + top.get("sr") + " contradicts the decoder's shapes");
        }

        String shapeVersion = RvcShapes.version(weights, source);
        String version = version(top.get("version"), training ? shapeVersion : "v1", source);
        if (shapeVersion != null && !shapeVersion.equals(version)) {
            throw new InvalidModelFileException(source + ": version says " + version
                    + " but enc_p.emb_phone.weight is shaped for " + shapeVersion);
        }
        boolean f0 = f0(top.get("f0"), training ? RvcShapes.pitchGuided(weights) : true, source);
        if (f0 && !RvcShapes.pitchGuided(weights)) {
            throw new InvalidModelFileException(source + ": f0 = 1 but the file has no enc_p.emb_pitch.weight");
        }
        Object info = top.get("info");
        return new RvcModelFile(file, version, config.samplingRate(), f0, speakers, config,
                info instanceof String s ? s : "", weights, sha256, training, extras(top));
    }

    private static String version(Object v, String fallback, String source) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s && (s.equals("v1") || s.equals("v2"))) {
            return s;
        }
        throw new InvalidModelFileException(source + ": unsupported version '" + PickleText.clip(String.valueOf(v))
                + "' (RVC v1 or v2)");
    }

    private static boolean f0(Object v, boolean fallback, String source) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l && (l == 0 || l == 1)) {
            return l == 1;
        }
        throw new InvalidModelFileException(source + ": f0 flag '" + PickleText.clip(String.valueOf(v))
                + "' is neither 0/1 nor a bool");
    }

    private static void checkVocoder(Object vocoder, String source) {
        if (vocoder != null && !HIFIGAN.equals(vocoder)) {
            throw new InvalidModelFileException(source + ": vocoder '" + PickleText.clip(String.valueOf(vocoder))
                    + "' is not supported (only RVC's HiFi-GAN NSF generator)");
        }
    }

    private static Map<String, Object> extras(Map<?, ?> top) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            Object v = e.getValue();
            if (e.getKey() instanceof String k && !KNOWN_KEYS.contains(k) && (v instanceof String || v instanceof Long
                    || v instanceof Double || v instanceof Boolean)) {
                out.put(k, v);
            }
        }
        return out;
    }
}
