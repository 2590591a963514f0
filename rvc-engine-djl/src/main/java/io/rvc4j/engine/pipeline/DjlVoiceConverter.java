package io.rvc4j.engine.pipeline;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.VoiceConverter;
import io.rvc4j.core.service.InParallel;
import io.rvc4j.engine.hubert.ContentEncoderFiles;
import io.rvc4j.engine.hubert.DjlContentEncoder;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import io.rvc4j.engine.synth.Precision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link VoiceConverter} port on DJL: RVC's reference pipeline (fp32 constants) with a shared content encoder and
 * a bounded cache of voice models.
 *
 * <p>Concurrency: the content encoder, the index and deterministic synthesis are immutable after loading and run
 * concurrently; synthesis with noise is serialised per model (the draws share the engine's generator). The cache
 * loads each model once and never closes a model while a request holds it. Memory: each chunk of each request runs in
 * its own NDManager, closed before the next chunk, so native memory returns to the loaded-model baseline after every
 * request.
 *
 * <p>Output: the int16 samples RVC would write (peak above 0.99 normalised, ×32768, truncated), as float
 * {@code int16 / 32768}; encoding them to 16-bit PCM again reproduces the reference file exactly.
 */
public final class DjlVoiceConverter implements VoiceConverter, AutoCloseable {
    /** Models kept loaded by default. */
    public static final int DEFAULT_CACHED_MODELS = 2;
    /**
     * Bytes of voice models kept loaded by default (weights as float32 plus index; see {@link VoiceModelLoader}):
     * 2 GiB holds two v2 models (about 110 MB of float32 weights each) with indexes of up to ~300 000 768-d vectors.
     */
    public static final long DEFAULT_CACHED_BYTES = 2L << 30;

    private final NDManager base;
    private final Function<NDManager, DjlContentEncoder> encoderFactory;
    private final Object encoderLock = new Object();
    private DjlContentEncoder encoder;
    private final DeviceInfo deviceInfo;
    private final Resampler resampler;
    private final VoiceCache cache;
    private volatile DjlRvcPipeline pipeline;
    private final AudioConditioner conditioner = new AudioConditioner();
    private volatile boolean closed;

    /**
     * @param device where tensors live (see {@link DeviceSelector})
     * @param deviceInfo how {@link #device()} reports it
     * @param encoderFactory builds the content encoder on the given manager (e.g.
     *     {@code m -> ContentEncoderFiles.load(hubertPath, m)})
     * @param indexReader reads a {@code .index} file (e.g. {@code RetrievalIndex::read})
     * @param resampler used only when an output rate other than the model's is requested
     * @param cachedModels voice models kept loaded (least recently used evicted)
     */
    public DjlVoiceConverter(Device device, DeviceInfo deviceInfo, Function<NDManager, DjlContentEncoder> encoderFactory,
            Function<Path, RetrievalIndex> indexReader, Resampler resampler, int cachedModels) {
        this(device, deviceInfo, encoderFactory, indexReader, resampler, cachedModels, DEFAULT_CACHED_BYTES,
                Precision.FP32);
    }

    /**
     * As above, with the cache also bounded by {@code cachedBytes} (least recently used evicted; a single model larger
     * than the bound is still kept while it is the latest) and the synthesizers' generator in {@code precision} (see
     * {@link Precision}).
     */
    public DjlVoiceConverter(Device device, DeviceInfo deviceInfo, Function<NDManager, DjlContentEncoder> encoderFactory,
            Function<Path, RetrievalIndex> indexReader, Resampler resampler, int cachedModels, long cachedBytes,
            Precision precision) {
        this.encoderFactory = Objects.requireNonNull(encoderFactory, "content encoder factory");
        this.deviceInfo = deviceInfo;
        this.resampler = Objects.requireNonNull(resampler, "resampler");
        this.base = NDManager.newBaseManager(device, "PyTorch");
        this.cache = new VoiceCache(cachedModels, cachedBytes, new VoiceModelLoader(base, indexReader, precision));
    }

    /**
     * The pipeline over the content encoder, which loads on first use (a failure, e.g. a missing
     * {@code hubert_base.pt}, is thrown to that caller and the next call tries again).
     */
    private DjlRvcPipeline pipeline() {
        DjlRvcPipeline p = pipeline;
        if (p != null) {
            return p;
        }
        synchronized (encoderLock) {
            if (closed) {
                throw new IllegalStateException("voice converter is closed");
            }
            if (pipeline == null) {
                encoder = Objects.requireNonNull(encoderFactory.apply(base), "content encoder");
                pipeline = new DjlRvcPipeline(encoder, base);
            }
            return pipeline;
        }
    }

    /**
     * Loads the content encoder on a helper thread while this thread loads {@code model} (with its index); a failure
     * of the voice is thrown first, else the encoder's.
     */
    @Override
    public void warmUp(VoiceModelInfo model) {
        InParallel.run("rvc-warm-up-encoder", this::pipeline, () -> profile(model));
    }

    /**
     * The usual wiring: the content encoder from {@code hubert_base.pt} or a Transformers folder, FAISS files through
     * {@link RetrievalIndex#read}, the device from {@code deviceSpec} ({@code cpu}, {@code gpu:N}, {@code auto} /
     * null: env {@code GPU_INDEX} when a GPU is visible).
     */
    public static DjlVoiceConverter open(Path contentEncoder, String deviceSpec, Resampler resampler,
            int cachedModels) {
        DeviceSelector selector = new DeviceSelector();
        Device device = selector.select(deviceSpec);
        return new DjlVoiceConverter(device, selector.info(device), m -> ContentEncoderFiles.load(contentEncoder, m),
                RetrievalIndex::read, resampler, cachedModels);
    }

    @Override
    public VoiceProfile profile(VoiceModelInfo model) {
        LoadedVoice voice = acquire(model);
        try {
            return voice.profile();
        } finally {
            voice.release();
        }
    }

    private LoadedVoice acquire(VoiceModelInfo model) {
        try {
            return cache.acquire(model);
        } catch (ai.djl.engine.EngineException e) {
            throw new EngineException("loading " + model.name() + " (" + model.modelFile() + ") on "
                    + deviceInfo.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public PreparedAudio prepare(float[] audio16k) {
        return conditioner.prepare(audio16k);
    }

    @Override
    public AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams params) {
        return convert(model, audio, f0, params, ChunkListener.NONE);
    }

    AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams params,
            ChunkListener listener) {
        LoadedVoice voice = acquire(model);
        try {
            float[] out = pipeline().convert(voice, audio, f0, params, resampler, listener);
            int rate = params.outputSampleRate() >= PipelineConstants.SR ? params.outputSampleRate()
                    : voice.profile().sampleRate();
            return AudioClip.wrap(rate, out);
        } catch (ai.djl.engine.EngineException e) {
            throw new EngineException("conversion with " + model.name() + " failed on " + deviceInfo.name() + ": "
                    + e.getMessage(), e);
        } finally {
            voice.release();
        }
    }

    @Override
    public DeviceInfo device() {
        return deviceInfo;
    }

    /** Loaded voice models (for health reports and tests). */
    public int loadedModels() {
        return cache.size();
    }

    /** NDArrays alive on the converter's manager tree (weights included); tests check it does not grow. */
    int liveArrays() {
        return base.getManagedArrays().size();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cache.close();
            synchronized (encoderLock) {
                if (encoder != null) {
                    encoder.close();
                }
            }
            base.close();
        }
    }
}
