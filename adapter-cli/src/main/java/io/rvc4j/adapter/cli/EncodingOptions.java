package io.rvc4j.adapter.cli;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.dsp.codec.CodecOptions;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** How {@code convert} and {@code cover} encode their output: MP3 bitrate or VBR quality, float WAV. */
final class EncodingOptions {
    /** MPEG-1 Layer III bitrates (ISO 11172-3), the ones an MP3 frame header can name at 32..48 kHz. */
    static final int[] MP3_BITRATES = {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};

    @Option(names = "--mp3-bitrate", paramLabel = "KBPS",
            description = "MP3 constant bitrate in kbit/s (e.g. 128, 192, 320). Default: "
                    + CodecOptions.DEFAULT_MP3_KBPS + ".")
    Integer mp3Bitrate;

    @Option(names = "--mp3-vbr", paramLabel = "0..9",
            description = "Variable-bitrate MP3 at LAME quality -V (0 best, 9 smallest) instead of constant bitrate.")
    Integer mp3Vbr;

    @Option(names = "--wav-float", description = "WAV as 32-bit float samples instead of 16-bit integers.")
    boolean wavFloat;

    CodecOptions toOptions() {
        CodecOptions options = CodecOptions.defaults().withWavFloat(wavFloat);
        if (mp3Bitrate != null && mp3Vbr != null) {
            throw new InvalidParameterException("mp3_bitrate", "--mp3-bitrate (constant) and --mp3-vbr (variable) "
                    + "exclude each other");
        }
        if (mp3Bitrate != null) {
            if (Arrays.stream(MP3_BITRATES).noneMatch(b -> b == mp3Bitrate)) {
                throw new InvalidParameterException("mp3_bitrate", "must be one of "
                        + Arrays.toString(MP3_BITRATES) + " kbit/s, got " + mp3Bitrate);
            }
            options = options.withMp3Cbr(mp3Bitrate);
        }
        if (mp3Vbr != null) {
            options = options.withMp3Vbr(mp3Vbr); // the record checks 0..9
        }
        return options;
    }
}
