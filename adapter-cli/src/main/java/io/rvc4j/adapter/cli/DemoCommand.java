package io.rvc4j.adapter.cli;

import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.port.in.ConversionResult;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.engine.Rvc;
import io.rvc4j.engine.demo.DemoModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rvc demo}: the README's main job. Makes sure the models directory can convert (adding the random-weight demo
 * voice and, only if none is there, a random content encoder), then converts one file end to end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert an example file end to end. With no real models, creates a demo voice with RANDOM "
                + "WEIGHTS (the output is voice-shaped noise); on a real models directory, only adds that voice "
                + "unless --model names one of yours."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = DemoModels.VOICE,
            description = "Voice to use. Default: ${DEFAULT-VALUE} (created with random weights when missing).")
    String model;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", defaultValue = "examples/hello.wav",
            description = "Input audio. Default: ${DEFAULT-VALUE}.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output. Default: out/<input>_<model>.wav.")
    Path output;

    @Option(names = "--f0-method", paramLabel = "METHOD",
            description = "Pitch method. Default: rmvpe when rmvpe.pt is in the models directory, else harvest.")
    String f0Method;

    @Option(names = "--pitch", paramLabel = "SEMITONES", description = "Key shift in semitones. Default: 0.")
    int pitch;

    @Mixin
    ProgressOptions progressOptions;

    private final EngineFactory engines;

    DemoCommand(EngineFactory engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = engine.modelsDir();
        if (model.equals(DemoModels.VOICE) || !Files.exists(dir.resolve("contentvec"))
                && !Files.exists(dir.resolve("hubert_base.pt"))) {
            DemoModels.Created created = DemoModels.ensure(dir);
            if (created.voice()) {
                out.println("created demo voice " + dir.resolve(DemoModels.VOICE) + " (RANDOM WEIGHTS)");
            }
            if (created.contentEncoder()) {
                out.println("created demo content encoder " + dir.resolve("contentvec") + " (RANDOM WEIGHTS)");
            }
        }
        String method = f0Method != null ? f0Method : Files.exists(dir.resolve("rmvpe.pt")) ? "rmvpe" : "harvest";
        ConversionParams params = ConversionParams.builder().pitch(pitch).f0Method(PitchMethod.parse(method)).build();
        Path target = output != null ? output : Path.of("out", AudioFiles.stem(input) + "_" + model + ".wav");
        Progress progress = progressOptions.start(spec.commandLine().getErr(), 1);
        String item = input.getFileName().toString();
        long start = System.nanoTime();
        ConversionResult result;
        progress.step(item, "loading the engine");
        try (Rvc rvc = engines.open(engine)) {
            result = rvc.convertVoice().convert(new ConvertVoiceCommand(ModelRef.named(model),
                    AudioSource.encoded(AudioFiles.read(input), input.toString()), params,
                    OutputFormat.fromFileName(target.toString()).orElse(OutputFormat.WAV)), progress.stages(item));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.step(item, "writing");
        AudioFiles.write(target, result.encoded());
        progress.clear();
        out.printf(Locale.ROOT, "converted %s with %s (f0: %s): %.2f s of audio in %.2f s -> %s%n", input,
                result.modelName(), method, result.audio().durationSeconds(), seconds, target);
        if (model.equals(DemoModels.VOICE)) {
            out.println("note: the demo voice has random weights; point --models-dir at real RVC models and pass "
                    + "--model NAME for a real conversion");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
