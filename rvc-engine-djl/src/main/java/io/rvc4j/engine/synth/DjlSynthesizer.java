package io.rvc4j.engine.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpoint;
import java.nio.file.Path;
import java.util.Map;

/**
 * An RVC synthesizer ({@code SynthesizerTrnMs256NSFsid}, {@code ...768NSFsid} and their {@code _nono} variants) on
 * DJL's PyTorch engine: {@code infer(phone, pitch, nsff0, sid)} as RVC's {@code infer} without skip_head (reference
 * note section 2.2). Weights are loaded once onto the parent manager's device, weight norm folded; a call keeps every
 * tensor on that device and frees its temporaries before returning.
 *
 * <p>Not thread-safe for concurrent calls with noise (they share the engine's random generator); deterministic calls
 * from several threads are fine.
 */
public final class DjlSynthesizer implements AutoCloseable {

    /** Scale of the prior noise in {@code infer}: {@code z_p = m_p + exp(logs_p) * eps * 0.66666} (RVC models.py). */
    static final float PRIOR_NOISE_SCALE = 0.66666f;
    /** Frames of context the flow keeps before the returned part in the skip_head path (RVC models.py: - 24). */
    static final int FLOW_CONTEXT_FRAMES = 24;

    private final SynthesizerConfig config;
    private final NDManager manager;
    private final DjlTextEncoder encoder;
    private final DjlFlow flow;
    private final DjlHifiGan decoder;
    private final DjlSineSource source;
    private final NDArray speakerTable;
    private final Precision precision;
    private boolean closed;

    private DjlSynthesizer(SynthesizerConfig config, NDManager manager, DjlWeights w, Precision precision) {
        this.config = config;
        this.manager = manager;
        this.precision = precision;
        this.speakerTable = w.get("emb_g.weight", config.speakers(), config.ginChannels());
        this.encoder = new DjlTextEncoder(w, config);
        this.flow = new DjlFlow(w, config);
        this.decoder = new DjlHifiGan(w, config, precision.dataType());
        this.source = config.f0() ? new DjlSineSource(w, config.sampleRate(), config.samplesPerFrame()) : null;
    }

    /**
     * Builds the synthesizer from its state dict (the checkpoint's {@code weight} entry, fp16 or fp32). The speaker
     * count is taken from {@code emb_g.weight} as RVC does; keys RVC ignores (e.g. {@code enc_q.*}) are ignored.
     *
     * @throws io.rvc4j.core.error.InvalidModelFileException when a weight is missing or has the wrong shape
     */
    public static DjlSynthesizer load(Map<String, TensorData> weights, SynthesizerConfig config, NDManager parent) {
        return load(weights, config, parent, Precision.FP32);
    }

    /** As {@link #load(Map, SynthesizerConfig, NDManager)} with the generator in {@code precision}. */
    public static DjlSynthesizer load(Map<String, TensorData> weights, SynthesizerConfig config, NDManager parent,
            Precision precision) {
        NDManager m = parent.newSubManager();
        try {
            DjlWeights w = new DjlWeights(weights, m);
            SynthesizerConfig actual = config.withSpeakers(
                    Math.toIntExact(w.rows("emb_g.weight", config.ginChannels())));
            return new DjlSynthesizer(actual, m, w, precision);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Reads an RVC inference {@code .pth} (fp16 {@code weight} dict, {@code config}, {@code f0}, {@code version}) and
     * builds its synthesizer on {@code parent}'s device.
     */
    public static DjlSynthesizer open(Path checkpoint, NDManager parent) {
        Object root = TorchCheckpoint.read(checkpoint);
        SynthesizerConfig config = SynthesizerConfig.fromCheckpoint(root, checkpoint.toString());
        return load(TorchCheckpoint.stateDict(root, checkpoint.toString(), "weight"), config, parent);
    }

    public SynthesizerConfig config() {
        return config;
    }

    /** The generator's number type. */
    public Precision precision() {
        return precision;
    }

    /**
     * Converts content features to a waveform at {@link SynthesizerConfig#sampleRate()}.
     *
     * @param phone {@code [1, T, C]} float32 content features, C = 256 (v1) or 768 (v2)
     * @param pitch {@code [1, T]} int64 coarse pitch 1..255; ignored (may be null) for no-f0 models
     * @param nsff0 {@code [1, T]} float32 f0 in Hz, 0 = unvoiced; ignored (may be null) for no-f0 models
     * @param speakerId row of the speaker table
     * @param deterministic true zeroes both noise draws (prior eps and SineGen noise)
     * @return {@code [1, 1, T * upp]} float32 on the manager and device of {@code phone}
     */
    public NDArray infer(NDArray phone, NDArray pitch, NDArray nsff0, int speakerId, boolean deterministic) {
        return run(phone, pitch, nsff0, speakerId, deterministic, null, false, 0).audio();
    }

    /**
     * {@link #infer(NDArray, NDArray, NDArray, int, boolean)} with {@code trimFrames} frames dropped from each end of
     * the waveform, as RVC's pipeline drops its reflect padding ({@code t_pad_tgt}) after synthesis. The encoder,
     * flow and NSF source still see every frame (same numbers, same noise draws); only the generator skips the
     * dropped frames beyond its receptive radius, so the kept samples equal those of the full call.
     *
     * @return {@code [1, 1, (T - 2 trimFrames) * upp]}
     * @throws IllegalArgumentException when nothing would be left
     */
    public NDArray inferTrimmed(NDArray phone, NDArray pitch, NDArray nsff0, int speakerId, boolean deterministic,
            int trimFrames) {
        return run(phone, pitch, nsff0, speakerId, deterministic, null, false, trimFrames).audio();
    }

    /**
     * RVC's realtime form ({@code infer(..., skip_head, return_length)}): the encoder sees all T frames, the flow
     * keeps 24 frames of context before {@code skipHead}, and only frames {@code [skipHead, skipHead + returnLength)}
     * are decoded, which saves most of the generator's work on a window of left context.
     *
     * @return {@code [1, 1, returnLength * upp]}
     */
    public NDArray infer(NDArray phone, NDArray pitch, NDArray nsff0, int speakerId, boolean deterministic,
            int skipHead, int returnLength) {
        return run(phone, pitch, nsff0, speakerId, deterministic, new int[] {skipHead, returnLength}, false, 0)
                .audio();
    }

    /** As {@link #infer} but keeps every intermediate (more memory); for parity tests and diagnostics. */
    public SynthesisTrace trace(NDArray phone, NDArray pitch, NDArray nsff0, int speakerId, boolean deterministic) {
        return run(phone, pitch, nsff0, speakerId, deterministic, null, true, 0);
    }

    /**
     * The windowed form with intermediates as RVC returns them: {@code m_p}, {@code logs_p}, {@code z_p} from
     * {@code skipHead - 24} (at least 0) on, {@code z} and {@code har} over the returned frames only.
     */
    public SynthesisTrace trace(NDArray phone, NDArray pitch, NDArray nsff0, int speakerId, boolean deterministic,
            int skipHead, int returnLength) {
        return run(phone, pitch, nsff0, speakerId, deterministic, new int[] {skipHead, returnLength}, true, 0);
    }

    private SynthesisTrace run(NDArray phone, NDArray pitch, NDArray nsff0, int sid, boolean deterministic,
            int[] window, boolean keep, int trimFrames) {
        if (closed) {
            throw new IllegalStateException("synthesizer is closed");
        }
        long frames = DjlSynthesisInputs.check(config, manager.getDevice(), phone, pitch, nsff0, sid);
        long head = window == null ? 0 : window[0];
        long flowHead = Math.max(head - FLOW_CONTEXT_FRAMES, 0);
        if (window != null) {
            DjlSynthesisInputs.checkWindow(window[0], window[1], frames);
        }
        if (trimFrames < 0 || 2L * trimFrames >= frames) {
            throw new IllegalArgumentException("cannot drop " + trimFrames + " frames from each end of " + frames);
        }
        NDManager owner = phone.getManager();
        try (NDManager call = owner.newSubManager()) {
            NDArray x = phone.toType(DataType.FLOAT32, true);
            x.attach(call);
            NDArray p = null;
            NDArray f0 = null;
            if (config.f0()) {
                p = pitch.toType(DataType.INT64, true);
                p.attach(call);
                f0 = nsff0.toType(DataType.FLOAT32, true);
                f0.attach(call);
            }
            NDArray ids = call.create(new long[] {sid});
            NDArray g = Embedding.embedding(ids, speakerTable, SparseFormat.DENSE).singletonOrThrow()
                    .reshape(1, config.ginChannels(), 1);
            NDList stats = encoder.apply(x, p, flowHead);
            NDArray mP = stats.get(0);
            NDArray logsP = stats.get(1);
            NDArray zP = deterministic ? mP
                    : mP.add(logsP.exp().mul(call.randomNormal(mP.getShape())).mul(PRIOR_NOISE_SCALE));
            NDArray z = flow.reverse(zP, g);
            if (window != null) {
                z = z.get(new NDIndex(":, :, {}:{}", head - flowHead, head - flowHead + window[1]));
                f0 = f0 == null ? null : f0.get(new NDIndex(":, {}:{}", head, head + window[1]));
            }
            NDArray har = source == null ? null : source.apply(f0, !deterministic);
            long decoded = z.getShape().get(2);
            NDArray audio = decoder.apply(z, g, har, trimFrames, decoded - trimFrames);
            if (!keep) {
                audio.attach(owner);
                return new SynthesisTrace(null, null, null, null, null, audio);
            }
            SynthesisTrace t = new SynthesisTrace(mP, logsP, deterministic ? mP.duplicate() : zP, z, har, audio);
            for (NDArray a : new NDArray[] {t.mP(), t.logsP(), t.zP(), t.z(), t.har(), t.audio()}) {
                if (a != null) {
                    a.attach(owner);
                }
            }
            return t;
        } catch (ai.djl.engine.EngineException e) {
            throw new EngineException("synthesizer failed on " + frames + " frames: " + e.getMessage(), e);
        }
    }

    /** Frees the weights; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    static InvalidParameterException badSpeaker(int sid, int speakers) {
        return new InvalidParameterException("sid", "must be between 0 and " + (speakers - 1) + ", got " + sid);
    }
}
