package io.rvc4j.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.dsp.codec.CodecOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Each flag reaches its own parameter: real argument arrays are parsed by picocli and the resulting
 * {@link ConversionParams} / {@link CoverParams} are checked field by field. Every value is distinct from its default
 * and from the other values of its kind, so swapping two flags (say --reverb-wet and --reverb-dry) fails here.
 * Parameters are compared exactly: they are parsed from decimal text, not computed.
 */
class CommandParamsTest {
    /** Building parameters must not open the engine. */
    private static final EngineFactory NO_ENGINE = (options, codec) -> {
        throw new AssertionError("the engine was opened");
    };

    @TempDir
    Path work;

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private String[] conversionFlags() throws IOException {
        Path f0 = Files.writeString(work.resolve("f0.csv"), "0.00,220\n0.01,230\n");
        return new String[] {"--model", "alice", "--pitch", "7", "--f0-method", "harvest", "--index-rate", "0.61",
            "--filter-radius", "5", "--rms-mix-rate", "0.42", "--protect", "0.17", "--crepe-hop-length", "96",
            "--f0-method-weight", "0.73", "--sid", "2", "--output-sample-rate", "44100", "--f0-file", f0.toString(),
            "--deterministic"};
    }

    private static void assertConversionFlags(ConversionParams p) {
        assertThat(p.pitch()).isEqualTo(7);
        assertThat(p.f0Method()).isEqualTo(PitchMethod.parse("harvest"));
        assertThat(p.indexRate()).isEqualTo(0.61);
        assertThat(p.filterRadius()).isEqualTo(5);
        assertThat(p.rmsMixRate()).isEqualTo(0.42);
        assertThat(p.protect()).isEqualTo(0.17);
        assertThat(p.crepeHopLength()).isEqualTo(96);
        assertThat(p.f0MethodWeight()).hasValue(0.73);
        assertThat(p.speakerId()).isEqualTo(2);
        assertThat(p.outputSampleRate()).isEqualTo(44_100);
        assertThat(p.f0Curve()).isPresent();
        assertThat(p.deterministic()).isTrue();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void convert_maps_every_conversion_flag_to_its_own_parameter() throws IOException {
        ConvertCommand convert = parse(new ConvertCommand(NO_ENGINE),
                concat(conversionFlags(), "-i", "in.wav", "-o", "out.mp3", "--output-format", "flac"));
        assertConversionFlags(convert.params());
        assertThat(convert.format(true)).isEqualTo(OutputFormat.FLAC);
    }

    @Test
    void convert_defaults_are_the_reference_pipelines_and_the_format_follows_the_output_file() {
        ConvertCommand convert = parse(new ConvertCommand(NO_ENGINE), "--model", "alice", "-i", "in.wav", "-o",
                "out.mp3");
        assertThat(convert.params()).isEqualTo(ConversionParams.builder().f0Method(PitchMethod.parse("rmvpe"))
                .indexRate(0.5).filterRadius(3).rmsMixRate(0.25).protect(0.33).crepeHopLength(128).build());
        assertThat(convert.params().f0MethodWeight()).as("no weight: a hybrid is the plain median").isEmpty();
        assertThat(convert.format(true)).isEqualTo(OutputFormat.MP3);
        assertThat(convert.format(false)).as("a directory of outputs").isEqualTo(OutputFormat.WAV);
    }

    @Test
    void cover_maps_every_cover_flag_to_its_own_parameter() throws IOException {
        CoverCommand cover = parse(new CoverCommand(NO_ENGINE), concat(conversionFlags(), "--vocals", "v.wav",
                "--instrumental", "i.wav", "-o", "mix.mp3", "--pitch-change-all", "-4", "--reverb-rm-size", "0.31",
                "--reverb-wet", "0.27", "--reverb-dry", "0.64", "--reverb-damping", "0.52", "--main-gain", "1.5",
                "--backup-gain", "-2.5", "--inst-gain", "3.5", "--peak", "clip", "--output-format", "wav"));
        CoverParams p = cover.params();
        assertConversionFlags(p.conversion());
        assertThat(p.pitchChangeAll()).isEqualTo(-4);
        assertThat(p.reverb().roomSize()).isEqualTo(0.31);
        assertThat(p.reverb().wetLevel()).isEqualTo(0.27);
        assertThat(p.reverb().dryLevel()).isEqualTo(0.64);
        assertThat(p.reverb().damping()).isEqualTo(0.52);
        assertThat(p.gains().mainDb()).isEqualTo(1.5);
        assertThat(p.gains().backupDb()).isEqualTo(-2.5);
        assertThat(p.gains().instrumentalDb()).isEqualTo(3.5);
        assertThat(p.peakPolicy()).isEqualTo(PeakPolicy.CLIP);
        assertThat(p.outputFormat()).isEqualTo(OutputFormat.WAV);
    }

    @Test
    void cover_defaults_are_aicovergens_and_the_format_follows_the_output_file() {
        CoverParams p = parse(new CoverCommand(NO_ENGINE), "--model", "alice", "--vocals", "v.wav",
                "--instrumental", "i.wav", "-o", "mix.flac").params();
        assertThat(p.pitchChangeAll()).isZero();
        // AICoverGen's main.py defaults
        assertThat(p.reverb().roomSize()).isEqualTo(0.15);
        assertThat(p.reverb().wetLevel()).isEqualTo(0.2);
        assertThat(p.reverb().dryLevel()).isEqualTo(0.8);
        assertThat(p.reverb().damping()).isEqualTo(0.7);
        assertThat(p.gains().mainDb()).isZero();
        assertThat(p.gains().backupDb()).isZero();
        assertThat(p.gains().instrumentalDb()).isZero();
        assertThat(p.peakPolicy()).isEqualTo(PeakPolicy.LIMIT);
        assertThat(p.outputFormat()).isEqualTo(OutputFormat.FLAC);
    }

    @Test
    void encoding_flags_reach_the_codec_options() {
        ConvertCommand cbr = parse(new ConvertCommand(NO_ENGINE), "--model", "a", "-i", "in.wav", "-o", "o.mp3",
                "--mp3-bitrate", "320", "--wav-float");
        CodecOptions options = cbr.encoding.toOptions();
        assertThat(options.mp3BitrateKbps()).isEqualTo(320);
        assertThat(options.mp3Vbr()).isFalse();
        assertThat(options.wavFloat()).isTrue();
        CoverCommand vbr = parse(new CoverCommand(NO_ENGINE), "--model", "a", "--vocals", "v.wav",
                "--instrumental", "i.wav", "-o", "mix.mp3", "--mp3-vbr", "3");
        options = vbr.encoding.toOptions();
        assertThat(options.mp3Vbr()).isTrue();
        assertThat(options.mp3VbrQuality()).isEqualTo(3);
        assertThat(options.wavFloat()).isFalse();
        assertThat(parse(new ConvertCommand(NO_ENGINE), "--model", "a", "-i", "in.wav", "-o", "o.mp3")
                .encoding.toOptions()).isEqualTo(CodecOptions.defaults());
    }

    @Test
    void encoding_flags_are_checked() {
        assertThatThrownBy(parse(new ConvertCommand(NO_ENGINE), "--model", "a", "-i", "in.wav", "-o", "o.mp3",
                "--mp3-bitrate", "100").encoding::toOptions).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("mp3_bitrate: must be one of [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, "
                        + "224, 256, 320] kbit/s, got 100");
        assertThatThrownBy(parse(new ConvertCommand(NO_ENGINE), "--model", "a", "-i", "in.wav", "-o", "o.mp3",
                "--mp3-vbr", "10").encoding::toOptions).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("between 0 and 9, got 10");
        assertThatThrownBy(parse(new ConvertCommand(NO_ENGINE), "--model", "a", "-i", "in.wav", "-o", "o.mp3",
                "--mp3-vbr", "2", "--mp3-bitrate", "128").encoding::toOptions)
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("exclude each other");
    }

    @Test
    void an_out_of_range_cover_value_is_rejected_with_its_range() {
        CoverCommand cover = parse(new CoverCommand(NO_ENGINE), "--model", "alice", "--vocals", "v.wav",
                "--instrumental", "i.wav", "-o", "mix.mp3", "--reverb-wet", "1.5");
        assertThatThrownBy(cover::params).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("reverb_wet").hasMessageContaining("must be between 0 and 1, got 1.5");
    }
}
