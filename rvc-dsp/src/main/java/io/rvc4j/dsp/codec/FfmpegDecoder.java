package io.rvc4j.dsp.codec;

import static io.rvc4j.dsp.codec.FfmpegNatives.AVERROR_EAGAIN;
import static io.rvc4j.dsp.codec.FfmpegNatives.describe;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One decode: demux from memory, decode the best audio stream, convert with swresample to planar float at the
 * requested rate and channel count ({@code ffmpeg -ar -ac} semantics), and collect. Like the ffmpeg CLI it skips
 * packets the decoder rejects and stops at a read error (a truncated file yields what it holds); it fails only when
 * nothing decodes. Every native object is freed in {@link #close()}, also on failure. Not thread-safe; one per call.
 */
final class FfmpegDecoder implements AutoCloseable {
    /** libavformat/avformat.h: the caller supplies the AVIOContext. Not exported by the presets. */
    static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;
    private static final double AV_TIME_BASE = 1_000_000.0;

    private final CodecOptions options;
    private final MemoryIo io;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private AVPacket packet;
    private AVFrame frame;
    private SwrConverter converter;
    private int corruptPackets;

    private FfmpegDecoder(byte[] data, CodecOptions options) {
        this.options = options;
        this.io = MemoryIo.reading(data);
    }

    static AudioClip decode(byte[] data, DecodeSpec spec, CodecOptions options) {
        if (data == null || data.length == 0) {
            throw new InvalidAudioException("the audio is empty (0 bytes)");
        }
        try (FfmpegDecoder d = new FfmpegDecoder(data, options)) {
            return d.run(spec, data.length);
        }
    }

    private AudioClip run(DecodeSpec spec, int byteCount) {
        format = avformat_alloc_context();
        format.pb(io.context());
        format.flags(format.flags() | AVFMT_FLAG_CUSTOM_IO);
        int r = avformat_open_input(format, (String) null, null, (AVDictionary) null);
        if (r < 0) {
            format = null; // freed by avformat_open_input on failure
            throw new InvalidAudioException("cannot read the audio (" + byteCount + " bytes): FFmpeg does not "
                    + "recognise it as a media file: " + describe(r));
        }
        String container = format.iformat().name().getString();
        r = avformat_find_stream_info(format, (PointerPointer<?>) null);
        if (r < 0) {
            throw new InvalidAudioException("cannot read the " + container + " stream information: " + describe(r));
        }
        int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
        if (index < 0) {
            throw new InvalidAudioException("the " + container + " file has no audio stream (streams: "
                    + streamList() + ")");
        }
        AVStream stream = format.streams(index);
        double declaredSeconds = declaredSeconds(stream);
        checkDeclaredDuration(declaredSeconds, container);
        openDecoder(stream, container);

        int inRate = decoder.sample_rate();
        int inChannels = decoder.ch_layout().nb_channels();
        if (inRate <= 0 || inChannels <= 0) {
            throw new InvalidAudioException("the " + container + " audio stream declares " + inRate + " Hz and "
                    + inChannels + " channels");
        }
        int outRate = spec.sampleRate() == 0 ? inRate : spec.sampleRate();
        int outChannels = spec.channels() == 0 ? inChannels : spec.channels();
        DecodeBudget.check(declaredSeconds, outRate, outChannels, options, Runtime.getRuntime().maxMemory(),
                container);
        long maxFrames = Math.min(options.maxSamples() / outChannels,
                (long) Math.ceil(options.maxDurationSeconds() * outRate));
        converter = new SwrConverter(outRate, outChannels, spec.channels() == 0, maxFrames, options, container);

        packet = av_packet_alloc();
        frame = av_frame_alloc();
        while ((r = av_read_frame(format, packet)) >= 0) {
            if (packet.stream_index() == index) {
                sendAndReceive(packet);
            }
            av_packet_unref(packet);
        }
        // r is AVERROR_EOF at a clean end; any other error (a truncated file) also ends the stream, as in ffmpeg.
        sendAndReceive(null);
        converter.drain();
        if (converter.frames() == 0) {
            throw new InvalidAudioException("no audio could be decoded from the " + container + " data ("
                    + avcodec_get_name(stream.codecpar().codec_id()).getString() + ", " + corruptPackets
                    + " corrupt packets)");
        }
        return AudioClip.wrap(outRate, converter.channels());
    }

    /** The container's (else the stream's) declared duration in seconds, or -1 when it declares none. */
    private double declaredSeconds(AVStream stream) {
        if (format.duration() != AV_NOPTS_VALUE && format.duration() > 0) {
            return format.duration() / AV_TIME_BASE;
        }
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            AVRational tb = stream.time_base();
            return (double) stream.duration() * tb.num() / tb.den();
        }
        return -1;
    }

    private void checkDeclaredDuration(double seconds, String container) {
        if (seconds > options.maxDurationSeconds()) {
            throw new InvalidAudioException(String.format(java.util.Locale.ROOT,
                    "the %s audio is %.1f s long, more than the limit of %.1f s", container, seconds,
                    options.maxDurationSeconds()));
        }
    }

    private void openDecoder(AVStream stream, String container) {
        AVCodecParameters par = stream.codecpar();
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        String name = avcodec_get_name(par.codec_id()).getString();
        if (codec == null || codec.isNull()) {
            throw new InvalidAudioException("no decoder for the " + name + " audio in the " + container + " file");
        }
        decoder = avcodec_alloc_context3(codec);
        int r = avcodec_parameters_to_context(decoder, par);
        if (r >= 0) {
            decoder.pkt_timebase(stream.time_base());
            r = avcodec_open2(decoder, codec, (AVDictionary) null);
        }
        if (r < 0) {
            throw new InvalidAudioException("cannot open the " + name + " decoder for the " + container + " audio: "
                    + describe(r));
        }
        if (decoder.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC && decoder.ch_layout().nb_channels() > 0) {
            av_channel_layout_default(decoder.ch_layout(), decoder.ch_layout().nb_channels());
        }
    }

    private void sendAndReceive(AVPacket pkt) {
        int r = avcodec_send_packet(decoder, pkt);
        if (r < 0 && r != AVERROR_EAGAIN && r != AVERROR_EOF) {
            corruptPackets++;
            return;
        }
        while ((r = avcodec_receive_frame(decoder, frame)) >= 0) {
            converter.push(frame);
            av_frame_unref(frame);
        }
        if (r != AVERROR_EAGAIN && r != AVERROR_EOF) {
            corruptPackets++;
        }
    }

    private String streamList() {
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < format.nb_streams(); i++) {
            AVCodecParameters p = format.streams(i).codecpar();
            BytePointer type = av_get_media_type_string(p.codec_type());
            kinds.add((type == null || type.isNull() ? "unknown" : type.getString()) + " "
                    + avcodec_get_name(p.codec_id()).getString());
        }
        return kinds.isEmpty() ? "none" : String.join(", ", kinds);
    }

    @Override
    public void close() {
        if (converter != null) {
            converter.close();
            converter = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        io.close();
    }
}
