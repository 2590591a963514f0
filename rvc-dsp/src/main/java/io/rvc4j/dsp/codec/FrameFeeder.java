package io.rvc4j.dsp.codec;

import static io.rvc4j.dsp.codec.FfmpegNatives.describe;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_set_silence;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.model.AudioClip;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Cuts a clip into encoder frames: planar float chunks go through swresample into the encoder's sample format and
 * rate, queue in an {@code AVAudioFifo}, and leave as frames of exactly {@code frameSize} samples (the last one
 * shorter when the encoder allows it, else padded with silence).
 */
final class FrameFeeder implements AutoCloseable {
    private static final int CHUNK = 8192;

    private final float[][] samples;
    private final int sampleRate;
    private final int channels;
    private final int frameSize;
    private final boolean smallLast;
    private final int sampleFormat;
    private final AVChannelLayout inLayout = new AVChannelLayout();
    private final FloatPointer[] input;
    private final PointerPointer<FloatPointer> inputPlanes;
    private SwrContext swr;
    private AVAudioFifo fifo;
    private AVFrame scratch;
    private AVFrame frame;
    private int scratchCapacity;
    private int position;
    private boolean drained;

    FrameFeeder(AudioClip clip, AVCodecContext encoder, int frameSize, boolean smallLast) {
        this.channels = clip.channelCount();
        this.sampleRate = clip.sampleRate();
        this.samples = new float[channels][];
        for (int c = 0; c < channels; c++) {
            samples[c] = clip.channel(c);
        }
        this.frameSize = frameSize;
        this.smallLast = smallLast;
        this.sampleFormat = encoder.sample_fmt();
        this.input = new FloatPointer[channels];
        this.inputPlanes = new PointerPointer<>(channels);
        for (int c = 0; c < channels; c++) {
            input[c] = new FloatPointer(CHUNK);
            inputPlanes.put(c, input[c]);
        }
        av_channel_layout_default(inLayout, channels);
        swr = new SwrContext(null);
        int r = swr_alloc_set_opts2(swr, encoder.ch_layout(), sampleFormat, encoder.sample_rate(), inLayout,
                AV_SAMPLE_FMT_FLTP, sampleRate, 0, null);
        if (r >= 0) {
            r = swr_init(swr);
        }
        if (r < 0) {
            throw new EngineException("cannot set up the converter to the encoder's format: " + describe(r));
        }
        fifo = av_audio_fifo_alloc(sampleFormat, channels, 4 * frameSize);
        scratchCapacity = swr_get_out_samples(swr, CHUNK) + 256;
        scratch = allocFrame(encoder, scratchCapacity);
        frame = allocFrame(encoder, frameSize);
    }

    private static AVFrame allocFrame(AVCodecContext encoder, int samples) {
        AVFrame f = av_frame_alloc();
        f.nb_samples(samples);
        f.format(encoder.sample_fmt());
        f.sample_rate(encoder.sample_rate());
        av_channel_layout_copy(f.ch_layout(), encoder.ch_layout());
        int r = av_frame_get_buffer(f, 0);
        if (r < 0) {
            av_frame_free(f);
            throw new EngineException("cannot allocate an audio frame of " + samples + " samples: " + describe(r));
        }
        return f;
    }

    /** The next frame to encode (owned by this feeder), or null at the end. */
    AVFrame next() {
        while (av_audio_fifo_size(fifo) < frameSize && !drained) {
            feed();
        }
        int available = av_audio_fifo_size(fifo);
        if (available == 0) {
            return null;
        }
        int n = Math.min(frameSize, available);
        if (av_frame_make_writable(frame) < 0) {
            throw new EngineException("cannot reuse the encoder frame");
        }
        frame.nb_samples(frameSize);
        av_audio_fifo_read(fifo, frame.extended_data(), n);
        if (n < frameSize && !smallLast) {
            av_samples_set_silence(frame.extended_data(), n, frameSize - n, channels, sampleFormat);
        } else {
            frame.nb_samples(n);
        }
        return frame;
    }

    private void feed() {
        int total = samples[0].length;
        int converted;
        if (position < total) {
            int n = Math.min(CHUNK, total - position);
            for (int c = 0; c < channels; c++) {
                input[c].position(0).put(samples[c], position, n);
            }
            position += n;
            converted = swr_convert(swr, scratch.extended_data(), scratchCapacity, inputPlanes, n);
        } else {
            converted = swr_convert(swr, scratch.extended_data(), scratchCapacity, (PointerPointer<?>) null, 0);
            drained = converted <= 0;
        }
        if (converted < 0) {
            throw new EngineException("converting samples for the encoder failed: " + describe(converted));
        }
        if (converted > 0 && av_audio_fifo_write(fifo, scratch.extended_data(), converted) < converted) {
            throw new EngineException("cannot queue " + converted + " samples for the encoder");
        }
    }

    @Override
    public void close() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (fifo != null) {
            av_audio_fifo_free(fifo);
            fifo = null;
        }
        if (scratch != null) {
            av_frame_free(scratch);
            scratch = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        av_channel_layout_uninit(inLayout);
        inLayout.close();
        for (FloatPointer p : input) {
            p.close();
        }
        inputPlanes.close();
    }
}
