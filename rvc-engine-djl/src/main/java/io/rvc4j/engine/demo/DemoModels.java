package io.rvc4j.engine.demo;

import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpointWriter;
import io.rvc4j.engine.synth.RandomSynthWeights;
import io.rvc4j.engine.synth.SynthesizerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the demo files the README's first command needs on a machine without real RVC weights: a voice named
 * {@value #VOICE} (a v2, f0, 40 kHz RVC synthesizer of reduced width, saved exactly as RVC saves inference models)
 * and, only when the directory has no content encoder, a small random one ({@code contentvec/}). Both have RANDOM
 * WEIGHTS: the output is a voice-shaped noise, which proves the pipeline runs end to end, not that it sounds good.
 * Existing files are never touched, so on a real models directory only the demo voice is added.
 */
public final class DemoModels {
    /** The demo voice's name. */
    public static final String VOICE = "demo";
    /** The info string RVC stores in a model; says plainly what this is. */
    public static final String INFO = "rvc4j demo voice: RANDOM WEIGHTS (not a trained model)";
    private static final long SEED = 20261122L;

    /** What {@link #ensure(Path)} created. */
    public record Created(boolean voice, boolean contentEncoder) {
    }

    private DemoModels() {
    }

    /** Creates whatever of the demo files is missing under {@code modelsDir}. */
    public static Created ensure(Path modelsDir) {
        try {
            Files.createDirectories(modelsDir);
            boolean encoder = false;
            if (!Files.exists(modelsDir.resolve("hubert_base.pt")) && !Files.exists(modelsDir.resolve("contentvec"))) {
                RandomContentEncoder.write(modelsDir.resolve("contentvec"), SEED);
                encoder = true;
            }
            Path voiceFile = modelsDir.resolve(VOICE).resolve(VOICE + ".pth");
            boolean voice = false;
            if (!Files.exists(voiceFile)) {
                Files.createDirectories(voiceFile.getParent());
                writeVoice(voiceFile);
                voice = true;
            }
            return new Created(voice, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo models into " + modelsDir.toAbsolutePath(), e);
        }
    }

    /** The demo voice's architecture: RVC v2 40k geometry at a third of the channel width. */
    static SynthesizerConfig config() {
        List<Integer> dil = List.of(1, 3, 5);
        return new SynthesizerConfig("v2", true, 1025, 32, 64, 64, 256, 2, 3, 3, 0, "1", List.of(3, 7, 11),
                List.of(dil, dil, dil), List.of(10, 10, 2, 2), 128, List.of(16, 16, 4, 4), 1, 256, 40_000);
    }

    private static void writeVoice(Path file) throws IOException {
        SynthesizerConfig c = config();
        writeModel(file, c, RandomSynthWeights.build(c, c.speakers(), SEED), INFO);
    }

    /**
     * Writes {@code weights} as RVC's {@code savee} saves an inference model: a torch.save'd dict with fp16
     * {@code weight}, the 18-entry {@code config}, {@code info}, {@code sr} ("40k"), {@code f0} and {@code version}.
     * Also used by tests that need a full-size model file without committing one.
     */
    public static void writeModel(Path file, SynthesizerConfig c, Map<String, TensorData> weights, String info)
            throws IOException {
        Map<String, Object> weight = new LinkedHashMap<>();
        weights.forEach((k, v) -> weight.put(k, v.toF16()));
        List<Object> cfg = new ArrayList<>(List.of(c.specChannels(), c.segmentSize(), c.interChannels(),
                c.hiddenChannels(), c.filterChannels(), c.heads(), c.layers(), c.kernelSize(), c.dropout(),
                c.resblock(), c.resblockKernelSizes(), c.resblockDilationSizes(), c.upsampleRates(),
                c.upsampleInitialChannel(), c.upsampleKernelSizes(), c.speakers(), c.ginChannels(), c.sampleRate()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("weight", weight);
        root.put("config", cfg);
        root.put("info", info);
        root.put("sr", c.sampleRate() / 1000 + "k");
        root.put("f0", c.f0() ? 1L : 0L);
        root.put("version", c.version());
        TorchCheckpointWriter.write(file, root);
    }
}
