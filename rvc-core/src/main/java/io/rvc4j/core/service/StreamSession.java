package io.rvc4j.core.service;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.StreamSettings;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.VoiceStream;
import io.rvc4j.core.port.out.StreamStitcher;
import java.util.Arrays;

/**
 * One stream's state. Each full block is converted together with its left context; the converted tail (block +
 * crossfade + search) goes to the SOLA splice, which returns exactly one block. Blocks quieter than the gate skip
 * the model and splice silence, so the crossfade still fades the last voiced block out.
 */
final class StreamSession implements VoiceStream {
    /**
     * Zero padding appended after the window before conversion: RVC's output is up to two 10 ms frames shorter than
     * its input, and without this the newest samples of every window would be missing.
     */
    private static final double TAIL_PAD_SECONDS = 0.04;

    private final VoicePipeline pipeline;
    private final VoiceModelInfo model;
    private final ConversionParams params;
    private final StreamSettings settings;
    private final StreamStitcher.Splice splice;
    private final float[] window;
    private final int tailFrames;
    private final double gateRms;
    private float[] pending = new float[0];
    private boolean closed;

    StreamSession(VoicePipeline pipeline, VoiceModelInfo model, ConversionParams params, StreamSettings settings,
            StreamStitcher.Splice splice) {
        this.pipeline = pipeline;
        this.model = model;
        this.params = params;
        this.settings = settings;
        this.splice = splice;
        this.tailFrames = settings.blockFrames() + settings.crossfadeFrames() + settings.searchFrames();
        this.window = new float[settings.contextFrames() + tailFrames];
        this.gateRms = Math.pow(10, settings.silenceThresholdDb() / 20);
    }

    @Override
    public StreamSettings settings() {
        return settings;
    }

    @Override
    public int latencyFrames() {
        return settings.crossfadeFrames() + settings.searchFrames();
    }

    @Override
    public float[] push(float[] samples) {
        ensureOpen();
        float[] all = Arrays.copyOf(pending, pending.length + samples.length);
        System.arraycopy(samples, 0, all, pending.length, samples.length);
        int block = settings.blockFrames();
        int blocks = all.length / block;
        float[] out = new float[blocks * block];
        for (int b = 0; b < blocks; b++) {
            float[] converted = processBlock(Arrays.copyOfRange(all, b * block, (b + 1) * block));
            System.arraycopy(converted, 0, out, b * block, block);
        }
        pending = Arrays.copyOfRange(all, blocks * block, all.length);
        return out;
    }

    @Override
    public float[] flush() {
        ensureOpen();
        if (pending.length == 0) {
            return new float[0];
        }
        int valid = pending.length;
        float[] out = processBlock(Arrays.copyOf(pending, settings.blockFrames()));
        pending = new float[0];
        return Arrays.copyOf(out, valid);
    }

    @Override
    public void close() {
        closed = true;
        pending = new float[0];
    }

    private float[] processBlock(float[] block) {
        System.arraycopy(window, block.length, window, 0, window.length - block.length);
        System.arraycopy(block, 0, window, window.length - block.length, block.length);
        float[] tail = rms(block) < gateRms ? new float[tailFrames] : convertWindowTail();
        return splice.next(tail, settings.blockFrames());
    }

    private float[] convertWindowTail() {
        int rate = settings.sampleRate();
        float[] padded = Arrays.copyOf(window, window.length + (int) Math.round(TAIL_PAD_SECONDS * rate));
        float[] in16k = rate == PreparedAudio.SAMPLE_RATE
                ? padded
                : pipeline.resampler().resample(padded, rate, PreparedAudio.SAMPLE_RATE);
        AudioClip converted = pipeline.convert(model, in16k, params);
        float[] out = converted.sampleRate() == rate
                ? converted.monoSamples()
                : pipeline.resampler().resample(converted.monoSamples(), converted.sampleRate(), rate);
        // The output starts where the window starts; take the part that lines up with the tail of the window.
        int start = window.length - tailFrames;
        float[] tail = new float[tailFrames];
        int available = Math.max(0, Math.min(tailFrames, out.length - start));
        System.arraycopy(out, start, tail, 0, available);
        return tail;
    }

    private static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, x.length));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the stream is closed");
        }
    }
}
