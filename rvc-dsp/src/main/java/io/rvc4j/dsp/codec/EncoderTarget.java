package io.rvc4j.dsp.codec;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;

import io.rvc4j.core.model.OutputFormat;

/**
 * Which muxer and encoder make each output format, and with what settings. Ogg means Opus: FFmpeg's native Vorbis
 * encoder takes stereo only and the Bytedeco build has no libvorbis (stack-probe.md section 1).
 *
 * @param muxer FFmpeg's short format name
 * @param encoder FFmpeg's encoder name
 * @param sampleFormats preferred sample formats, best first; the first the encoder takes is used
 * @param bitRate bits per second, 0 for none
 * @param vbrQuality LAME VBR quality, or -1 for CBR
 */
record EncoderTarget(String muxer, String encoder, int[] sampleFormats, long bitRate, int vbrQuality) {

    static EncoderTarget of(OutputFormat format, CodecOptions o) {
        return switch (format) {
            case WAV -> o.wavFloat()
                    ? new EncoderTarget("wav", "pcm_f32le", new int[] {AV_SAMPLE_FMT_FLT}, 0, -1)
                    : new EncoderTarget("wav", "pcm_s16le", new int[] {AV_SAMPLE_FMT_S16}, 0, -1);
            case MP3 -> new EncoderTarget("mp3", "libmp3lame", new int[] {AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_S16P},
                    o.mp3Vbr() ? 0 : o.mp3BitrateKbps() * 1000L, o.mp3Vbr() ? o.mp3VbrQuality() : -1);
            case FLAC -> new EncoderTarget("flac", "flac", new int[] {AV_SAMPLE_FMT_S16}, 0, -1);
            case OGG -> new EncoderTarget("ogg", "libopus", new int[] {AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_S16},
                    o.opusBitrateKbps() * 1000L, -1);
        };
    }
}
