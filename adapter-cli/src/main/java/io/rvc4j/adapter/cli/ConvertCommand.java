package io.rvc4j.adapter.cli;

import io.rvc4j.adapter.cli.ExitCodes.UsageException;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.port.in.ConversionResult;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.dsp.codec.CodecOptions;
import io.rvc4j.engine.Rvc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rvc convert}: one file, several, or a directory; one loaded model serves the whole batch. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Convert vocals with an RVC voice model.")
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSelection model;

    @Mixin
    ConversionOptions conversion;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH", required = true, arity = "1..*",
            description = "Audio files or directories of audio files.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", required = true,
            description = "Output file (one input) or directory (<input>_<model>.<ext> per input).")
    Path output;

    @Option(names = "--output-format", paramLabel = "FMT",
            description = "mp3, wav, flac or ogg. Default: the output file's extension, else wav.")
    String outputFormat;

    @Mixin
    EncodingOptions encoding;

    @Option(names = "--overwrite", description = "Replace existing outputs (otherwise they are skipped).")
    boolean overwrite;

    @Mixin
    ProgressOptions progressOptions;

    private final EngineFactory engines;

    ConvertCommand(EngineFactory engines) {
        this.engines = engines;
    }

    /** The parsed conversion options as the use case's parameters (validated by the core). */
    ConversionParams params() {
        return conversion.toParams();
    }

    /** {@code --output-format}, else the output file's extension when writing one file, else WAV. */
    OutputFormat format(boolean toFile) {
        return outputFormat != null ? OutputFormat.parse(outputFormat)
                : toFile ? OutputFormat.fromFileName(output.toString()).orElse(OutputFormat.WAV) : OutputFormat.WAV;
    }

    @Override
    public Integer call() throws IOException {
        ConversionParams params = params();
        CodecOptions codec = encoding.toOptions();
        List<Path> files = AudioFiles.expand(inputs);
        if (files.isEmpty()) {
            throw new UsageException("no audio files found in " + inputs);
        }
        boolean toFile = files.size() == 1 && !Files.isDirectory(output) && !AudioFiles.extension(output).isEmpty();
        if (!toFile) {
            requireOutputDirectory(files.size());
        }
        for (Path file : files) {
            AudioFiles.requireReadable(file);
        }
        OutputFormat format = format(toFile);
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = progressOptions.start(spec.commandLine().getErr(), files.size());
        int converted = 0;
        int skipped = 0;
        ModelRef ref = model.toRef();
        boolean warm = false;
        try (Rvc rvc = engines.open(engine, codec)) {
            for (Path input : files) {
                Path target = toFile ? output
                        : output.resolve(AudioFiles.stem(input) + "_" + model.label() + "." + format.extension());
                AudioFiles.requireWritableLocation(target);
                if (Files.exists(target) && !overwrite) {
                    progress.message(out, "skipped " + target + " (exists; --overwrite to replace)");
                    skipped++;
                    progress.advance();
                    continue;
                }
                String item = input.getFileName().toString();
                if (!warm) {
                    progress.step(item, "loading models");
                    Warm.up(rvc, ref, params.f0Method());
                    warm = true;
                }
                progress.step(item, "reading");
                byte[] audio = AudioFiles.read(input);
                ConversionResult result = rvc.convertVoice().convert(new ConvertVoiceCommand(ref,
                        AudioSource.encoded(audio, input.toString()), params, format), progress.stages(item));
                progress.step(item, "writing");
                AudioFiles.write(target, result.encoded());
                progress.advance();
                progress.message(out, "wrote " + target);
                converted++;
            }
        }
        progress.finish("converted " + converted + ", skipped " + skipped);
        return ExitCodes.OK;
    }

    /** Several inputs (or a directory) write into a directory: refuse an output that is, or looks like, a file. */
    private void requireOutputDirectory(int inputCount) {
        String what = inputCount == 1 ? "the input needs" : inputCount + " inputs need";
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException("-o " + output + " is a file, but " + what + " an output directory");
        }
        if (!Files.isDirectory(output) && AudioFiles.isAudio(output)) {
            throw new UsageException(what + " an output directory, but -o " + output + " names a ."
                    + AudioFiles.extension(output) + " file; pass a directory (each output is named "
                    + "<input>_<model>.<ext>) or convert one file at a time");
        }
    }
}
