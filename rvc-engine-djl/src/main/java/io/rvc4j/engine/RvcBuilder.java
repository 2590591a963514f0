package io.rvc4j.engine;

import ai.djl.Device;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.VoiceConverter;
import io.rvc4j.dsp.codec.CodecOptions;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.dsp.mix.DspMixer;
import io.rvc4j.dsp.pitch.HarvestPitchExtractor;
import io.rvc4j.dsp.pitch.PmPitchExtractor;
import io.rvc4j.dsp.resample.ResampyResampler;
import io.rvc4j.dsp.resample.SincResampler;
import io.rvc4j.dsp.stream.SolaStitcher;
import io.rvc4j.engine.hubert.ContentEncoderFiles;
import io.rvc4j.engine.pipeline.DeviceSelector;
import io.rvc4j.engine.pipeline.DjlVoiceConverter;
import io.rvc4j.engine.pitch.CompositePitchExtractor;
import io.rvc4j.engine.registry.DirectoryModelRegistry;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import io.rvc4j.engine.synth.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The composition root: {@code Rvc.builder().modelsDir(dir).device("cpu").build()}. The models directory follows
 * AICoverGen's layout ({@code hubert_base.pt} or {@code contentvec/}, {@code rmvpe.pt}, optional CREPE weights, one
 * folder per voice) or is a flat folder of {@code .pth} files. Building is cheap: weights load on first use.
 */
public final class RvcBuilder {
    /** AICoverGen's default models directory, relative to the working directory. */
    public static final Path DEFAULT_MODELS_DIR = Path.of("rvc_models");

    private Path modelsDir = DEFAULT_MODELS_DIR;
    private String device;
    private int cachedModels = DjlVoiceConverter.DEFAULT_CACHED_MODELS;
    private long cachedBytes = DjlVoiceConverter.DEFAULT_CACHED_BYTES;
    private Precision precision;
    private CodecOptions codecOptions = CodecOptions.defaults();

    RvcBuilder() {
    }

    /** The models directory (default {@code ./rvc_models}). */
    public RvcBuilder modelsDir(Path dir) {
        this.modelsDir = dir;
        return this;
    }

    /** {@code cpu}, {@code gpu}, {@code gpu:N}, or null / {@code auto}: env {@code GPU_INDEX}, else GPU 0, else CPU. */
    public RvcBuilder device(String spec) {
        this.device = spec;
        return this;
    }

    /** Voice models kept loaded at once (least recently used evicted). */
    public RvcBuilder cachedModels(int count) {
        this.cachedModels = count;
        return this;
    }

    /**
     * Most bytes of voice models kept loaded at once (weights as float32 plus their indexes; default
     * {@link DjlVoiceConverter#DEFAULT_CACHED_BYTES}, 2 GiB). Least recently used models are evicted beyond it; the
     * model a request needs is kept even when it alone is larger.
     */
    public RvcBuilder cachedBytes(long bytes) {
        this.cachedBytes = bytes;
        return this;
    }

    /**
     * The synthesizer generator's number type: {@code fp32} (default, the reference's) or {@code fp16} (for GPUs; see
     * {@link Precision}). Unset or null: env {@code RVC_PRECISION}, else fp32.
     *
     * @throws io.rvc4j.core.error.InvalidParameterException for anything else
     */
    public RvcBuilder precision(String spec) {
        this.precision = spec == null ? null : Precision.parse(spec);
        return this;
    }

    /**
     * How results are encoded (MP3 CBR bitrate or VBR quality, 16-bit or float WAV, Opus bitrate) and the limits on
     * decoded input. Default {@link CodecOptions#defaults()}: MP3 CBR 192 kbit/s, 16-bit WAV.
     */
    public RvcBuilder codecOptions(CodecOptions options) {
        this.codecOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The precision {@link #build()} will use. */
    public static Precision precisionFromEnv() {
        return Precision.parse(System.getenv("RVC_PRECISION"));
    }

    public Rvc build() {
        return build(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * {@link #build()} with the pitch extractor and the voice converter wrapped by the given decorators (timing,
     * tracing); the engine closes the undecorated ones.
     */
    public Rvc build(UnaryOperator<PitchExtractor> pitchDecorator, UnaryOperator<VoiceConverter> converterDecorator) {
        Precision generator = precision != null ? precision : precisionFromEnv();
        DirectoryModelRegistry registry = new DirectoryModelRegistry(modelsDir);
        DeviceSelector selector = new DeviceSelector();
        Device dev = selector.select(device);
        DeviceInfo info = selector.info(dev);
        SincResampler resampler = new SincResampler();
        Map<PitchAlgorithm, PitchExtractor> dsp = Map.of(
                PitchAlgorithm.HARVEST, new HarvestPitchExtractor(),
                PitchAlgorithm.PM, new PmPitchExtractor());
        CompositePitchExtractor pitch = CompositePitchExtractor.forModelsDir(modelsDir, dev, dsp);
        // the converter's optional output rate is RVC's: librosa 0.9.1 -> resampy kaiser_best
        LazyVoiceConverter converter = new LazyVoiceConverter(() -> new DjlVoiceConverter(dev, info,
                manager -> ContentEncoderFiles.load(contentEncoderPath(registry), manager), RetrievalIndex::read,
                new ResampyResampler(), cachedModels, cachedBytes, generator), info);
        return new Rvc(registry, new FfmpegAudioCodec(codecOptions), resampler, pitchDecorator.apply(pitch),
                converterDecorator.apply(converter), new DspMixer(resampler), new SolaStitcher(),
                List.of(pitch, converter));
    }

    /** Where the content encoder is: {@code hubert_base.pt}, else a {@code contentvec/} Transformers folder. */
    public static Path contentEncoderPath(DirectoryModelRegistry registry) {
        return registry.hubertPath().or(registry::contentvecPath).orElseThrow(() -> new ModelNotFoundException(
                "Content encoder not found: put hubert_base.pt or a contentvec/ Transformers folder in "
                        + registry.directory().toAbsolutePath()));
    }
}
