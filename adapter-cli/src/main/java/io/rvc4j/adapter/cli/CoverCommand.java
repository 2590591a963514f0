package io.rvc4j.adapter.cli;

import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.port.in.CoverResult;
import io.rvc4j.core.port.in.GenerateCoverCommand;
import io.rvc4j.dsp.codec.CodecOptions;
import io.rvc4j.engine.Rvc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rvc cover}: AICoverGen's cover from separated vocals, instrumental and optional backup vocals. */
@Command(name = "cover", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make an AI cover: convert the vocals, add effects, shift and mix with the instrumental.")
final class CoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSelection model;

    @Mixin
    ConversionOptions conversion;

    @Option(names = "--vocals", paramLabel = "FILE", required = true, description = "The lead vocals to convert.")
    Path vocals;

    @Option(names = "--instrumental", paramLabel = "FILE", required = true, description = "The instrumental.")
    Path instrumental;

    @Option(names = "--backup", paramLabel = "FILE", description = "Backup vocals (optional).")
    Path backup;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The mix.")
    Path output;

    @Option(names = "--pitch-change-all", paramLabel = "SEMITONES", description = "Shift every part, -12..12. Default: 0.")
    int pitchChangeAll;

    @Option(names = "--reverb-rm-size", defaultValue = "0.15", description = "Reverb room size 0..1. Default: ${DEFAULT-VALUE}.")
    double roomSize;

    @Option(names = "--reverb-wet", defaultValue = "0.2", description = "Reverb wet level 0..1. Default: ${DEFAULT-VALUE}.")
    double wet;

    @Option(names = "--reverb-dry", defaultValue = "0.8", description = "Reverb dry level 0..1. Default: ${DEFAULT-VALUE}.")
    double dry;

    @Option(names = "--reverb-damping", defaultValue = "0.7", description = "Reverb damping 0..1. Default: ${DEFAULT-VALUE}.")
    double damping;

    @Option(names = "--main-gain", description = "Main vocals gain in dB, -20..20. Default: 0.")
    double mainGain;

    @Option(names = "--backup-gain", description = "Backup vocals gain in dB, -20..20. Default: 0.")
    double backupGain;

    @Option(names = "--inst-gain", description = "Instrumental gain in dB, -20..20. Default: 0.")
    double instGain;

    @Option(names = "--output-format", paramLabel = "FMT", description = "mp3, wav, flac or ogg. Default: the output's extension, else mp3.")
    String outputFormat;

    @Mixin
    EncodingOptions encoding;

    @Option(names = "--peak", paramLabel = "POLICY", defaultValue = "limit",
            description = "limit (look-ahead limiter) or clip (AICoverGen's hard clip). Default: ${DEFAULT-VALUE}.")
    String peak;

    @Mixin
    ProgressOptions progressOptions;

    private final EngineFactory engines;

    CoverCommand(EngineFactory engines) {
        this.engines = engines;
    }

    /** The parsed options as the use case's parameters (validated by the core, ranges in its messages). */
    CoverParams params() {
        OutputFormat format = outputFormat != null ? OutputFormat.parse(outputFormat)
                : OutputFormat.fromFileName(output.toString()).orElse(OutputFormat.MP3);
        return new CoverParams(conversion.toParams(), pitchChangeAll, new ReverbParams(roomSize, wet, dry, damping),
                new MixGains(mainGain, backupGain, instGain), format, parsePeak(peak));
    }

    @Override
    public Integer call() throws IOException {
        CoverParams params = params();
        CodecOptions codec = encoding.toOptions();
        for (Path stem : backup == null ? List.of(vocals, instrumental) : List.of(vocals, instrumental, backup)) {
            AudioFiles.requireReadable(stem); // every stem checked before any is read
        }
        GenerateCoverCommand command = new GenerateCoverCommand(model.toRef(), read(vocals), read(instrumental),
                backup == null ? Optional.empty() : Optional.of(read(backup)), params);
        AudioFiles.requireWritableLocation(output);
        Progress progress = progressOptions.start(spec.commandLine().getErr(), 1);
        String item = vocals.getFileName().toString();
        progress.step(item, "loading the engine");
        CoverResult result;
        try (Rvc rvc = engines.open(engine, codec)) {
            progress.step(item, "loading models");
            Warm.up(rvc, command.model(), params.conversion().f0Method());
            result = rvc.generateCover().generate(command, progress.stages(item));
        }
        progress.step(item, "writing");
        AudioFiles.write(output, result.encoded());
        progress.advance();
        progress.finish(String.format(Locale.ROOT, "cover %s: %.1f s at %d Hz", result.modelName(),
                result.durationSeconds(), result.sampleRate()));
        spec.commandLine().getOut().println("wrote " + output);
        return ExitCodes.OK;
    }

    private static AudioSource read(Path file) throws IOException {
        return AudioSource.encoded(AudioFiles.read(file), file.toString());
    }

    private static PeakPolicy parsePeak(String value) {
        try {
            return PeakPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.rvc4j.core.error.InvalidParameterException("peak", "must be limit or clip, got '" + value + "'");
        }
    }
}
