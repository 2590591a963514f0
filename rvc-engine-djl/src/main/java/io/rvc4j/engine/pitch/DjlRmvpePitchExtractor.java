package io.rvc4j.engine.pitch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * RMVPE as RVC runs it ({@code RMVPE(rmvpe.pt, is_half=False).infer_from_audio(x, thred=0.03)}): log-mel, E2E
 * network, local-average decoding. It yields {@code 1 + n / 160} frames; RVC keeps the first {@code p_len = n / 160}.
 */
public final class DjlRmvpePitchExtractor implements PitchExtractor, AutoCloseable {
    /** torch.stft's reflect padding of n_fft / 2 needs more samples than that. */
    static final int MIN_SAMPLES = RmvpeMel.N_FFT / 2 + 1;

    private final LazyModel<Model> model;

    /** RMVPE from RVC's {@code rmvpe.pt} (a plain E2E state dict), loaded on first use, on the CPU. */
    public DjlRmvpePitchExtractor(Path weights) {
        this(weights, Device.cpu());
    }

    public DjlRmvpePitchExtractor(Path weights, Device device) {
        this.model = new LazyModel<>(weights, device, Model::new);
    }

    @Override
    public PitchTrack extract(float[] audio16k, PitchRequest request) {
        float[] f0 = f0(audio16k);
        return PitchTrack.wrap(Arrays.copyOf(f0, audio16k.length / RmvpeMel.HOP), PitchTrack.RVC_FRAME_RATE);
    }

    /** Loads the weights now (they load on first use otherwise). */
    @Override
    public void warmUp(PitchMethod method) {
        model.get();
    }

    /** All {@code 1 + n / 160} frames of f0 in Hz, 0 where unvoiced. */
    public float[] f0(float[] audio16k) {
        return RmvpeDecoder.decode(salience(audio16k), audio16k.length / RmvpeMel.HOP + 1, RmvpeDecoder.THRESHOLD);
    }

    /** Row-major [1 + n / 160, 360] salience. */
    float[] salience(float[] audio16k) {
        requireLength(audio16k);
        Model mdl = model.get();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray mel = mdl.mel.logMel(m, audio16k);
            return mdl.net.salience(m, mel);
        } catch (ai.djl.engine.EngineException e) {
            throw new io.rvc4j.core.error.EngineException("RMVPE inference failed on " + audio16k.length
                    + " samples with " + model.file(), e);
        }
    }

    /** Row-major [128, 1 + n / 160] log-mel (for parity tests). */
    float[] logMel(float[] audio16k) {
        requireLength(audio16k);
        Model mdl = model.get();
        try (NDManager m = model.manager().newSubManager()) {
            return mdl.mel.logMel(m, audio16k).toFloatArray();
        }
    }

    private static void requireLength(float[] audio16k) {
        if (audio16k.length < MIN_SAMPLES) {
            throw new InvalidAudioException("RMVPE needs at least " + MIN_SAMPLES + " samples at 16 kHz, got "
                    + audio16k.length);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** The front end and the network, built once from the state dict. */
    private static final class Model {
        final RmvpeMel mel;
        final DjlRmvpeNet net;

        Model(StateDict sd) {
            this.mel = new RmvpeMel(sd);
            this.net = new DjlRmvpeNet(sd);
        }
    }
}
