package io.rvc4j.dsp.codec;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.port.out.AudioCodec;
import java.util.Objects;

/**
 * {@link AudioCodec} on Bytedeco's FFmpeg build (natives from the Maven Central jars; no system ffmpeg). Decodes
 * anything that build demuxes and decodes (WAV, MP3, FLAC, Ogg Vorbis/Opus, M4A/AAC, the audio of video files...)
 * from memory through a custom {@code AVIOContext}; encodes WAV (16-bit or float), MP3 (libmp3lame, CBR or VBR),
 * FLAC and Ogg Opus into memory the same way. Thread-safe: every call has its own FFmpeg contexts, freed before
 * it returns, on success or failure.
 */
public final class FfmpegAudioCodec implements AudioCodec {
    private final CodecOptions options;

    public FfmpegAudioCodec(CodecOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        FfmpegNatives.ensureLoaded();
    }

    /** Default options: MP3 CBR 192 kbit/s, 16-bit WAV, Opus 128 kbit/s, 2 h limit. */
    public FfmpegAudioCodec() {
        this(CodecOptions.defaults());
    }

    public CodecOptions options() {
        return options;
    }

    /** This codec with other options (same natives). */
    public FfmpegAudioCodec with(CodecOptions other) {
        return new FfmpegAudioCodec(other);
    }

    @Override
    public AudioClip decode(byte[] data, DecodeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (data == null) {
            throw new InvalidAudioException("no audio data (null)");
        }
        return FfmpegDecoder.decode(data, spec, options);
    }

    @Override
    public byte[] encode(AudioClip clip, OutputFormat format) {
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(format, "format");
        return FfmpegEncoder.encode(clip, format, options);
    }
}
