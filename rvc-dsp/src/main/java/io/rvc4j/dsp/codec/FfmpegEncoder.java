package io.rvc4j.dsp.codec;

import static io.rvc4j.dsp.codec.FfmpegNatives.AVERROR_EAGAIN;
import static io.rvc4j.dsp.codec.FfmpegNatives.describe;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_SMALL_LAST_FRAME;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_RATE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_EXPERIMENTAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_supported_config;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.rvc4j.core.error.EngineException;
import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.OutputFormat;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One encode, entirely in memory: clip, then swresample to the encoder's sample format (and, where the encoder cannot
 * take the clip's rate, e.g. MP3 at 40 kHz or Opus at 44.1 kHz, to the next rate it takes), then encoder-sized
 * frames, then the muxer writing into a seekable {@link MemoryIo} (WAV and MP3 rewrite their headers at the end).
 * Every native object is freed in {@link #close()}.
 */
final class FfmpegEncoder implements AutoCloseable {
    private final MemoryIo io = MemoryIo.writing();
    private AVFormatContext muxer;
    private AVCodecContext encoder;
    private AVStream stream;
    private AVPacket packet;
    private FrameFeeder feeder;
    private long nextPts;

    static byte[] encode(AudioClip clip, OutputFormat format, CodecOptions options) {
        if (clip.isEmpty()) {
            throw new InvalidAudioException("cannot encode an empty clip as " + format);
        }
        try (FfmpegEncoder e = new FfmpegEncoder()) {
            return e.run(clip, format, EncoderTarget.of(format, options));
        }
    }

    private byte[] run(AudioClip clip, OutputFormat format, EncoderTarget target) {
        AVCodec codec = avcodec_find_encoder_by_name(target.encoder());
        if (codec == null || codec.isNull()) {
            throw new EngineException("this FFmpeg build has no " + target.encoder() + " encoder for " + format);
        }
        muxer = new AVFormatContext(null);
        check(avformat_alloc_output_context2(muxer, null, target.muxer(), null), "create the " + target.muxer()
                + " muxer");
        muxer.pb(io.context());
        muxer.flags(muxer.flags() | FfmpegDecoder.AVFMT_FLAG_CUSTOM_IO);
        stream = avformat_new_stream(muxer, null);

        encoder = avcodec_alloc_context3(codec);
        int rate = pickRate(codec, clip.sampleRate());
        av_channel_layout_default(encoder.ch_layout(), clip.channelCount());
        encoder.sample_rate(rate);
        encoder.sample_fmt(pickFormat(codec, target));
        encoder.time_base(av_make_q(1, rate));
        encoder.strict_std_compliance(FF_COMPLIANCE_EXPERIMENTAL);
        if (target.vbrQuality() >= 0) {
            // libmp3lame maps QSCALE + global_quality / FF_QP2LAMBDA to lame's VBR quality (-V).
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_QSCALE);
            encoder.global_quality(target.vbrQuality() * org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA);
        } else if (target.bitRate() > 0) {
            encoder.bit_rate(target.bitRate());
        }
        if ((muxer.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        int r = avcodec_open2(encoder, codec, (AVDictionary) null);
        if (r < 0) {
            throw new InvalidAudioException("cannot encode " + clip.channelCount() + "-channel audio at " + rate
                    + " Hz as " + format + " (" + target.encoder() + "): " + describe(r));
        }
        check(avcodec_parameters_from_context(stream.codecpar(), encoder), "configure the stream");
        stream.time_base(encoder.time_base());
        check(avformat_write_header(muxer, (AVDictionary) null), "write the " + format + " header");

        packet = av_packet_alloc();
        boolean smallLast = (codec.capabilities() & (AV_CODEC_CAP_SMALL_LAST_FRAME | AV_CODEC_CAP_VARIABLE_FRAME_SIZE))
                != 0;
        int frameSize = encoder.frame_size() > 0 ? encoder.frame_size() : 1024;
        feeder = new FrameFeeder(clip, encoder, frameSize, smallLast);
        AVFrame frame;
        while ((frame = feeder.next()) != null) {
            frame.pts(nextPts);
            nextPts += frame.nb_samples();
            send(frame);
        }
        send(null);
        check(av_write_trailer(muxer), "finish the " + format + " file");
        avio_flush(io.context());
        return io.bytes();
    }

    private void send(AVFrame frame) {
        int r = avcodec_send_frame(encoder, frame);
        if (r < 0 && r != AVERROR_EOF) {
            throw new EngineException("the " + encoder.codec().name().getString() + " encoder rejected a frame: "
                    + describe(r));
        }
        while ((r = avcodec_receive_packet(encoder, packet)) >= 0) {
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            check(av_interleaved_write_frame(muxer, packet), "write a packet");
        }
        if (r != AVERROR_EAGAIN && r != AVERROR_EOF) {
            throw new EngineException("encoding failed: " + describe(r));
        }
    }

    private int pickRate(AVCodec codec, int wanted) {
        int[] rates = supported(codec, AV_CODEC_CONFIG_SAMPLE_RATE);
        if (rates == null) {
            return wanted;
        }
        int best = -1;
        int max = 0;
        for (int r : rates) {
            if (r == wanted) {
                return r;
            }
            if (r > wanted && (best < 0 || r < best)) {
                best = r;
            }
            max = Math.max(max, r);
        }
        return best > 0 ? best : max;
    }

    private int pickFormat(AVCodec codec, EncoderTarget target) {
        int[] formats = supported(codec, AV_CODEC_CONFIG_SAMPLE_FORMAT);
        if (formats == null) {
            return target.sampleFormats()[0];
        }
        for (int want : target.sampleFormats()) {
            for (int f : formats) {
                if (f == want) {
                    return f;
                }
            }
        }
        return formats[0];
    }

    /** The encoder's list for one config, or null when it takes anything. */
    private int[] supported(AVCodec codec, int config) {
        try (PointerPointer<Pointer> out = new PointerPointer<>(1); IntPointer count = new IntPointer(1)) {
            check(avcodec_get_supported_config(encoder, codec, config, 0, out, count), "query the encoder");
            Pointer list = out.get(0);
            if (list == null || list.isNull()) {
                return null;
            }
            int[] values = new int[count.get()];
            new IntPointer(list).get(values);
            return values;
        }
    }

    private static void check(int r, String what) {
        if (r < 0) {
            throw new EngineException("FFmpeg could not " + what + ": " + describe(r));
        }
    }

    @Override
    public void close() {
        if (feeder != null) {
            feeder.close();
            feeder = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (muxer != null) {
            if (!muxer.isNull()) {
                avformat_free_context(muxer);
            }
            muxer = null;
        }
        io.close();
    }
}
