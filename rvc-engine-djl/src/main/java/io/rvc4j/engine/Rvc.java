package io.rvc4j.engine;

import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.port.in.CheckHealthUseCase;
import io.rvc4j.core.port.in.ConvertVoiceUseCase;
import io.rvc4j.core.port.in.ExtractPitchUseCase;
import io.rvc4j.core.port.in.GenerateCoverUseCase;
import io.rvc4j.core.port.in.ListModelsUseCase;
import io.rvc4j.core.port.in.OpenStreamUseCase;
import io.rvc4j.core.port.in.WarmUpUseCase;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.Mixer;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.StreamStitcher;
import io.rvc4j.core.port.out.VoiceConverter;
import io.rvc4j.core.service.ConvertVoiceService;
import io.rvc4j.core.service.GenerateCoverService;
import io.rvc4j.core.service.ModelCatalogService;
import io.rvc4j.core.service.StreamingService;
import io.rvc4j.core.service.WarmUpService;
import io.rvc4j.engine.registry.VoiceModelDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine as embedders and adapters see it: the use cases, wired once over one set of out-port implementations.
 * Build it with {@link #builder()}; close it to free native memory.
 */
public final class Rvc implements AutoCloseable {
    static {
        // DJL calls home on engine start unless told not to (stack-probe.md section 4); embedders get this for free.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final ModelRegistry registry;
    private final ConvertVoiceService convert;
    private final GenerateCoverService cover;
    private final ModelCatalogService catalog;
    private final StreamingService streams;
    private final WarmUpService warmUp;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wires the services over the given ports.
     *
     * @param resources closed (in reverse order) when this engine closes, e.g. the converter's model cache
     */
    public Rvc(ModelRegistry registry, AudioCodec codec, Resampler resampler, PitchExtractor pitchExtractor,
            VoiceConverter converter, Mixer mixer, StreamStitcher stitcher, List<AutoCloseable> resources) {
        this.registry = registry;
        this.convert = new ConvertVoiceService(registry, codec, resampler, pitchExtractor, converter);
        this.cover = new GenerateCoverService(registry, codec, resampler, pitchExtractor, converter, mixer);
        this.catalog = new ModelCatalogService(registry, converter);
        this.streams = new StreamingService(registry, codec, resampler, pitchExtractor, converter, stitcher);
        this.warmUp = new WarmUpService(registry, pitchExtractor, converter);
        this.resources = new ArrayList<>(resources);
    }

    public ConvertVoiceUseCase convertVoice() {
        return convert;
    }

    public ExtractPitchUseCase extractPitch() {
        return convert;
    }

    public GenerateCoverUseCase generateCover() {
        return cover;
    }

    public ListModelsUseCase listModels() {
        return catalog;
    }

    public CheckHealthUseCase checkHealth() {
        return catalog;
    }

    public OpenStreamUseCase openStream() {
        return streams;
    }

    /** Loads a voice and a pitch method ahead of the first request (CLI batches, servers at start-up). */
    public WarmUpUseCase warmUp() {
        return warmUp;
    }

    /**
     * Starts loading the native inference library (libtorch, about 0.4 s) on a daemon thread, so that a later
     * {@link RvcBuilder#build()} finds it loaded; a command-line tool calls this first and overlaps the load with its
     * argument parsing and audio decoding. Failures are left to {@code build()} to report.
     */
    public static void startEngineInBackground() {
        Thread t = new Thread(() -> {
            try {
                ai.djl.engine.Engine.getEngine("PyTorch");
            } catch (RuntimeException | LinkageError e) {
                // build() starts the engine again and reports the failure with context
            }
        }, "rvc-engine-start");
        t.setDaemon(true);
        t.start();
    }

    /** Starts configuring an engine; see {@link RvcBuilder}. */
    public static RvcBuilder builder() {
        return new RvcBuilder();
    }

    /**
     * A voice model's metadata (version, rate, f0, speakers, config, file SHA-256, index size and dimension) read from
     * its files without loading weights or index vectors, whether or not the model is loaded.
     *
     * @throws io.rvc4j.core.error.ModelNotFoundException when the registry has no such model
     * @throws io.rvc4j.core.error.InvalidModelFileException when its files cannot be read as an RVC model and index
     */
    public VoiceModelDescription describe(String name) {
        return VoiceModelDescription.of(registry.resolve(ModelRef.named(name)));
    }

    /** The registry, for adapters that manage the models directory (upload, delete). */
    public ModelRegistry registry() {
        return registry;
    }

    /** Closes the engine's native resources; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the engine failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
