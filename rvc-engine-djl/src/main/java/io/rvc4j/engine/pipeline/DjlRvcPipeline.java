package io.rvc4j.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.engine.hubert.DjlContentEncoder;
import io.rvc4j.engine.retrieval.DjlIndexRetrieval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RVC's {@code Pipeline.pipeline} and {@code Pipeline.vc} (branch 20240604, fp32 constants; reference note sections
 * 3.5 to 3.10): split at quiet points, pitch conditioning over the whole padded signal, then per chunk HuBERT,
 * retrieval at 50 Hz, 2x nearest upsampling, protect, synthesis and trimming; then the RMS mix, optional resampling
 * and the int16 finish.
 *
 * <p>Every chunk runs in its own sub-manager of {@code base}, closed before the next chunk, so native memory does not
 * grow with input length or with the number of requests.
 */
final class DjlRvcPipeline {
    /** Shortest input with non-empty output: 2·T'·upp must exceed 2·t_pad_tgt, i.e. T' > 100 frames. */
    static final int MIN_SAMPLES = 400;

    private final DjlContentEncoder encoder;
    private final NDManager base;

    DjlRvcPipeline(DjlContentEncoder encoder, NDManager base) {
        this.encoder = encoder;
        this.base = base;
    }

    /** Converts; the result is at the model's rate, or at {@code params.outputSampleRate()} when set. */
    float[] convert(LoadedVoice voice, PreparedAudio audio, PitchTrack f0, ConversionParams params,
            Resampler resampler, ChunkListener listener) {
        if (audio.padSamples() != PipelineConstants.T_PAD) {
            throw new InvalidAudioException("prepared audio must be padded by " + PipelineConstants.T_PAD
                    + " samples (x_pad 1 s), got " + audio.padSamples());
        }
        if (params.speakerId() >= voice.profile().speakers()) {
            throw new InvalidParameterException("sid", "must be between 0 and " + (voice.profile().speakers() - 1)
                    + " for this model, got " + params.speakerId());
        }
        long width = encoder.featureDim(voice.features());
        if (width != voice.synthesizer().config().phoneChannels()) {
            throw new InvalidModelFileException("the content encoder yields " + width + "-d " + voice.profile().version()
                    + " features but the model expects " + voice.synthesizer().config().phoneChannels());
        }
        float[] padded = audio.padded();
        float[] filtered = audio.filtered();
        int window = PipelineConstants.WINDOW;
        int pLen = padded.length / window;
        FramePitch pitch = voice.profile().pitchGuided()
                ? PitchConditioning.condition(f0, pLen, params.pitch(), params.f0Curve()) : null;
        List<float[]> outputs = new ArrayList<>();
        int s = 0;
        int t = -1;
        int index = 0;
        for (int cut : QuietSplitter.cuts(filtered)) {
            t = cut / window * window;
            outputs.add(chunk(voice, padded, s, t + PipelineConstants.T_PAD2 + window, pitch, s / window,
                    (t + PipelineConstants.T_PAD2) / window, params, listener, index++));
            s = t;
        }
        int last = Math.max(t, 0);
        outputs.add(chunk(voice, padded, last, padded.length, pitch, last / window, pLen, params, listener, index));
        float[] y = concat(outputs);
        if (y.length == 0) {
            // RVC fails here too (max of an empty array): each chunk loses x_pad seconds of output at both ends
            throw new InvalidAudioException("audio of " + filtered.length + " samples at 16 kHz is too short to convert"
                    + " (the model's output would be empty); give at least " + MIN_SAMPLES + " samples");
        }
        int rate = voice.profile().sampleRate();
        if (params.rmsMixRate() != 1) {
            OutputFinisher.mixRms(filtered, y, rate, params.rmsMixRate());
        }
        int target = params.outputSampleRate();
        if (target >= PipelineConstants.SR && target != rate) {
            y = librosaResample(resampler, y, rate, target);
        }
        return OutputFinisher.finishInt16(y);
    }

    /**
     * {@code librosa.resample(y, orig_sr=from, target_sr=to)} as librosa 0.9.1 (RVC's pin) runs it: resampy's
     * {@code kaiser_best} gives {@code int(n·to/from)} samples, {@code fix_length} zero-pads them to
     * {@code ceil(n·to/from)}. The samples come from {@code resampler} (the product wires {@code ResampyResampler},
     * which is resampy's filter); only the length rule is applied here.
     */
    static float[] librosaResample(Resampler resampler, float[] y, int from, int to) {
        double ratio = (double) to / from;
        int size = (int) Math.ceil(y.length * ratio);
        int kept = Math.min(size, (int) ((double) y.length * to / from));
        float[] r = resampler.resample(y, from, to);
        float[] out = new float[size];
        System.arraycopy(r, 0, out, 0, Math.min(kept, r.length));
        return out;
    }

    private float[] chunk(LoadedVoice voice, float[] padded, int from, int to, FramePitch pitch, int pitchFrom,
            int pitchTo, ConversionParams params, ChunkListener listener, int index) {
        int length = to - from;
        if (encoder.frames(length) == 0) {
            throw new InvalidAudioException("a chunk of " + length + " samples is shorter than HuBERT's "
                    + encoder.receptiveField() + "-sample frame");
        }
        try (NDManager call = base.newSubManager()) {
            NDArray wave = call.create(Arrays.copyOfRange(padded, from, to));
            NDArray features = encoder.encode(wave, voice.features());
            NDArray blended = features;
            DjlIndexRetrieval retrieval = voice.retrieval();
            if (retrieval != null && params.indexRate() != 0) {
                blended = retrieval.blend(features, params.indexRate());
            }
            int frames = (int) (2 * features.getShape().get(0));
            int pLen = Math.min(frames, length / PipelineConstants.WINDOW);
            FramePitch chunkPitch = null;
            if (pitch != null) {
                pLen = Math.min(pLen, pitchTo - pitchFrom);
                chunkPitch = slice(pitch, pitchFrom, pitchFrom + pLen);
            }
            String rows = "0:" + pLen;
            NDArray phone = blended.repeat(0, 2).get(rows);
            boolean protect = pitch != null && params.protect() < ConversionParams.MAX_PROTECT;
            if (protect) {
                float[] mask = new float[pLen];
                float p = (float) params.protect();
                for (int i = 0; i < pLen; i++) {
                    // pitchff[pitchf > 0] = 1, then pitchff[pitchf < 1] = protect
                    mask[i] = chunkPitch.hz()[i] >= 1f ? 1f : p;
                }
                NDArray m = call.create(mask, new Shape(pLen, 1));
                NDArray original = features.repeat(0, 2).get(rows);
                phone = phone.mul(m).add(original.mul(m.neg().add(1f)));
            }
            phone = phone.expandDims(0);
            listener.onChunk(index, features, phone, chunkPitch);
            NDArray coarse = null;
            NDArray hz = null;
            if (chunkPitch != null) {
                long[] c = new long[pLen];
                for (int i = 0; i < pLen; i++) {
                    c[i] = chunkPitch.coarse()[i];
                }
                coarse = call.create(c, new Shape(1, pLen));
                hz = call.create(chunkPitch.hz(), new Shape(1, pLen));
            }
            int trim = PipelineConstants.targetPad(voice.profile().sampleRate());
            int upp = voice.synthesizer().config().samplesPerFrame();
            if ((long) pLen * upp <= 2L * trim) {
                return new float[0];
            }
            if (trim % upp == 0) {
                // the padding is whole frames (always, for RVC's rates): the generator skips it
                return synthesize(voice, phone, coarse, hz, params, trim / upp);
            }
            float[] out = synthesize(voice, phone, coarse, hz, params, 0);
            return Arrays.copyOfRange(out, trim, out.length - trim);
        }
    }

    /** The synthesizer's waveform with {@code trimFrames} dropped from each end (see DjlSynthesizer#inferTrimmed). */
    private static float[] synthesize(LoadedVoice voice, NDArray phone, NDArray coarse, NDArray hz,
            ConversionParams params, int trimFrames) {
        if (params.deterministic()) {
            return voice.synthesizer().inferTrimmed(phone, coarse, hz, params.speakerId(), true, trimFrames)
                    .toFloatArray();
        }
        synchronized (voice.noiseLock()) {
            return voice.synthesizer().inferTrimmed(phone, coarse, hz, params.speakerId(), false, trimFrames)
                    .toFloatArray();
        }
    }

    private static FramePitch slice(FramePitch p, int from, int to) {
        return new FramePitch(Arrays.copyOfRange(p.coarse(), from, to), Arrays.copyOfRange(p.hz(), from, to));
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int o = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }
}
