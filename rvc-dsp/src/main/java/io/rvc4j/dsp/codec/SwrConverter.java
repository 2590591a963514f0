package io.rvc4j.dsp.codec;

import static io.rvc4j.dsp.codec.FfmpegNatives.describe;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import io.rvc4j.core.error.InvalidAudioException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decoded frames to planar float at the output rate and channel count, with swresample's defaults (the ffmpeg CLI's
 * {@code -ar}/{@code -ac}: its rematrix, its resampler), collected into Java arrays under a frame limit. Set up on
 * the first frame and rebuilt if a stream changes format mid-way.
 *
 * <p>Memory: samples are collected in fixed blocks of {@value #BLOCK_FRAMES} frames per channel (no doubling, no
 * regrowth copies); {@link #channels()} assembles one exact array per channel and drops each block as soon as it is
 * copied, so the peak is the decoded size plus one channel's worth ({@code 4 x samples x (1 + 1/channels)} bytes).
 */
final class SwrConverter implements AutoCloseable {
    private final int outRate;
    private final int outChannels;
    private final boolean keepLayout;
    private final long maxFrames;
    private final CodecOptions options;
    private final String container;
    /** The layout as frames carry it, to notice changes; {@code inLayout} is it made explicit for swresample. */
    private final AVChannelLayout frameLayout = new AVChannelLayout();
    private final AVChannelLayout inLayout = new AVChannelLayout();
    private final AVChannelLayout outLayout = new AVChannelLayout();
    private final FloatPointer[] buffers;
    private final PointerPointer<FloatPointer> out;
    private SwrContext swr;
    private int inRate;
    private int inFormat = -1;
    /** Frames per channel in one collection block (256 KiB of float: small clips waste little). */
    static final int BLOCK_FRAMES = 1 << 16;

    private int capacity;
    /** Full blocks per channel, then the block being filled ({@code fill} frames of it used). */
    private final List<float[][]> blocks = new ArrayList<>();
    private float[][] current;
    private int fill;
    private long frames;

    SwrConverter(int outRate, int outChannels, boolean keepLayout, long maxFrames, CodecOptions options,
            String container) {
        this.outRate = outRate;
        this.outChannels = outChannels;
        this.keepLayout = keepLayout;
        this.maxFrames = maxFrames;
        this.options = options;
        this.container = container;
        this.buffers = new FloatPointer[outChannels];
        this.out = new PointerPointer<>(outChannels);
    }

    void push(AVFrame frame) {
        if (swr == null || frame.sample_rate() != inRate || frame.format() != inFormat
                || av_channel_layout_compare(frame.ch_layout(), frameLayout) != 0) {
            drain();
            init(frame);
        }
        int n = swr_convert(swr, out.position(0), ensureCapacity(swr_get_out_samples(swr, frame.nb_samples())),
                frame.extended_data(), frame.nb_samples());
        collect(n);
    }

    /** Flushes what the resampler still holds. */
    void drain() {
        if (swr == null) {
            return;
        }
        int n;
        while ((n = swr_convert(swr, out.position(0), ensureCapacity(4096), (PointerPointer<?>) null, 0)) > 0) {
            collect(n);
        }
        collect(n);
    }

    long frames() {
        return frames;
    }

    /** The collected channels as exact-length arrays; the blocks are released while copying. Call once. */
    float[][] channels() {
        if (current != null && fill > 0) {
            blocks.add(current);
        }
        current = null;
        int n = (int) frames; // maxFrames keeps it below Integer.MAX_VALUE (checked in collect)
        float[][] result = new float[outChannels][];
        for (int c = 0; c < outChannels; c++) {
            result[c] = new float[n];
            int at = 0;
            for (float[][] block : blocks) {
                int len = Math.min(BLOCK_FRAMES, n - at);
                System.arraycopy(block[c], 0, result[c], at, len);
                block[c] = null;
                at += len;
            }
        }
        blocks.clear();
        return result;
    }

    private void init(AVFrame frame) {
        freeSwr();
        av_channel_layout_uninit(frameLayout);
        av_channel_layout_copy(frameLayout, frame.ch_layout());
        av_channel_layout_uninit(inLayout);
        av_channel_layout_copy(inLayout, frame.ch_layout());
        if (inLayout.order() == AV_CHANNEL_ORDER_UNSPEC) {
            av_channel_layout_default(inLayout, inLayout.nb_channels());
        }
        av_channel_layout_uninit(outLayout);
        if (keepLayout && inLayout.nb_channels() == outChannels) {
            av_channel_layout_copy(outLayout, inLayout);
        } else {
            av_channel_layout_default(outLayout, outChannels);
        }
        inRate = frame.sample_rate();
        inFormat = frame.format();
        swr = new SwrContext(null);
        int r = swr_alloc_set_opts2(swr, outLayout, AV_SAMPLE_FMT_FLTP, outRate, inLayout, inFormat, inRate, 0, null);
        if (r >= 0) {
            r = swr_init(swr);
        }
        if (r < 0) {
            throw new InvalidAudioException("cannot convert the " + container + " audio (" + inRate + " Hz, "
                    + inLayout.nb_channels() + " channels) to " + outRate + " Hz, " + outChannels + " channels: "
                    + describe(r));
        }
    }

    private int ensureCapacity(int needed) {
        if (needed > capacity) {
            capacity = Math.max(needed, 2 * capacity);
            for (int c = 0; c < outChannels; c++) {
                if (buffers[c] != null) {
                    buffers[c].close();
                }
                buffers[c] = new FloatPointer(capacity);
                out.put(c, buffers[c]);
            }
        }
        return capacity;
    }

    private void collect(int n) {
        if (n < 0) {
            throw new InvalidAudioException("resampling the " + container + " audio failed: " + describe(n));
        }
        if (n == 0) {
            return;
        }
        if (frames + n > Math.min(maxFrames, Integer.MAX_VALUE - 8)) {
            throw new InvalidAudioException(String.format(Locale.ROOT,
                    "the %s audio decodes to more than %d frames at %d Hz, over the limit of %.1f s or %d samples",
                    container, maxFrames, outRate, options.maxDurationSeconds(), options.maxSamples()));
        }
        int done = 0;
        while (done < n) {
            if (current == null || fill == BLOCK_FRAMES) {
                if (current != null) {
                    blocks.add(current);
                }
                current = new float[outChannels][BLOCK_FRAMES];
                fill = 0;
            }
            int len = Math.min(n - done, BLOCK_FRAMES - fill);
            for (int c = 0; c < outChannels; c++) {
                buffers[c].position(done).get(current[c], fill, len).position(0);
            }
            fill += len;
            done += len;
        }
        frames += n;
    }

    private void freeSwr() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
    }

    @Override
    public void close() {
        freeSwr();
        av_channel_layout_uninit(frameLayout);
        av_channel_layout_uninit(inLayout);
        av_channel_layout_uninit(outLayout);
        frameLayout.close();
        inLayout.close();
        outLayout.close();
        for (FloatPointer b : buffers) {
            if (b != null) {
                b.close();
            }
        }
        out.close();
    }
}
