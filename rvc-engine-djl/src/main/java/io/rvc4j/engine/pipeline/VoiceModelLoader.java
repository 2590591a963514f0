package io.rvc4j.engine.pipeline;

import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpoint;
import io.rvc4j.engine.retrieval.DjlIndexRetrieval;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import io.rvc4j.engine.synth.DjlSynthesizer;
import io.rvc4j.engine.synth.Precision;
import io.rvc4j.engine.synth.SynthesizerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads an RVC inference checkpoint as {@code VC.get_vc} does (reference note section 1.2): {@code weight} (fp16 or
 * fp32), the 18-entry {@code config}, {@code f0} (default 1, int or bool), {@code version} (default v1); the speaker
 * count comes from {@code emb_g.weight}. The index, when present, is put on the same device.
 *
 * <p>A loaded voice weighs (for the cache's byte bound) its weights as float32, which is how they are held whatever
 * the file stores (fp16 files are widened at load), plus the index's centroids, vectors and ids.
 */
final class VoiceModelLoader implements Function<VoiceModelInfo, LoadedVoice> {
    private static final long FLOAT32_BYTES = 4;
    private final NDManager base;
    private final Function<Path, RetrievalIndex> indexReader;
    private final Precision precision;

    VoiceModelLoader(NDManager base, Function<Path, RetrievalIndex> indexReader) {
        this(base, indexReader, Precision.FP32);
    }

    VoiceModelLoader(NDManager base, Function<Path, RetrievalIndex> indexReader, Precision precision) {
        this.base = base;
        this.indexReader = indexReader;
        this.precision = precision;
    }

    @Override
    public LoadedVoice apply(VoiceModelInfo info) {
        Path file = info.modelFile();
        Object root = TorchCheckpoint.read(file);
        if (!(root instanceof Map<?, ?> top)) {
            throw new InvalidModelFileException(file + ": not an RVC model (top level is not a dict)");
        }
        if (!top.containsKey("weight") || !(top.get("config") instanceof List<?> config)) {
            throw new InvalidModelFileException(file + ": not an RVC inference model (needs 'weight' and 'config';"
                    + " training checkpoints G_*.pth must be extracted first)");
        }
        String version = top.get("version") instanceof String v ? v : "v1";
        boolean f0 = flag(top.get("f0"), file);
        Map<String, TensorData> weights = TorchCheckpoint.stateDict(root, file.toString(), "weight");
        SynthesizerConfig cfg = SynthesizerConfig.fromCheckpoint(config, version, f0);
        NDManager manager = base.newSubManager();
        DjlSynthesizer synth = null;
        DjlIndexRetrieval retrieval = null;
        long bytes = 0;
        for (TensorData t : weights.values()) {
            bytes += FLOAT32_BYTES * t.numel();
        }
        try {
            synth = DjlSynthesizer.load(weights, cfg, manager, precision);
            if (info.indexFile().isPresent()) {
                RetrievalIndex index = indexReader.apply(info.indexFile().get());
                if (index.dim() != synth.config().phoneChannels()) {
                    throw new InvalidModelFileException(info.indexFile().get() + ": index dimension " + index.dim()
                            + " does not match the " + version + " model's " + synth.config().phoneChannels()
                            + "-d features");
                }
                retrieval = DjlIndexRetrieval.load(index, manager);
                bytes += index.bytes();
            }
            VoiceProfile profile = new VoiceProfile(cfg.sampleRate(), f0, version, synth.config().speakers());
            return new LoadedVoice(synth, retrieval, profile, manager, bytes);
        } catch (RuntimeException e) {
            if (synth != null) {
                synth.close();
            }
            manager.close();
            throw e;
        }
    }

    private static boolean flag(Object value, Path file) {
        if (value == null) {
            return true;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
            return n.longValue() == 1;
        }
        throw new InvalidModelFileException(file + ": 'f0' must be 0, 1 or a bool, got " + value);
    }
}
