package io.rvc4j.adapter.cli;

import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.in.ExtractPitchCommand;
import io.rvc4j.engine.Rvc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rvc pitch}: the f0 track as CSV {@code time_s,f0_hz}, 100 rows per second, 0 where unvoiced. */
@Command(name = "pitch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the f0 track of an audio file as CSV time_s,f0_hz.")
final class PitchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Mixin
    ConversionOptions conversion;

    @Mixin
    ProgressOptions progressOptions;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "Audio file.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "CSV file; '-' or absent: standard output.")
    Path output;

    private final EngineFactory engines;

    PitchCommand(EngineFactory engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws IOException {
        PitchRequest request = PitchRequest.from(conversion.toParams());
        AudioSource audio = AudioSource.encoded(AudioFiles.read(input), input.toString());
        Progress progress = progressOptions.start(spec.commandLine().getErr(), 1);
        String item = input.getFileName().toString();
        progress.step(item, "loading the engine");
        PitchTrack track;
        try (Rvc rvc = engines.open(engine)) {
            track = rvc.extractPitch().extractPitch(new ExtractPitchCommand(audio, request), progress.stages(item));
        }
        progress.advance();
        progress.finish(String.format(Locale.ROOT, "f0 track: %d frames at %.0f per second", track.frameCount(),
                track.frameRate()));
        if (output == null || output.toString().equals("-")) {
            write(track, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
        } else {
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                write(track, w);
            }
        }
        return ExitCodes.OK;
    }

    static void write(PitchTrack track, Writer w) throws IOException {
        w.write("time_s,f0_hz\n");
        for (int i = 0; i < track.frameCount(); i++) {
            w.write(String.format(Locale.ROOT, "%.2f,%.3f%n", i / track.frameRate(), track.at(i)));
        }
    }

    static void write(PitchTrack track, PrintWriter w) throws IOException {
        write(track, (Writer) w);
    }
}
