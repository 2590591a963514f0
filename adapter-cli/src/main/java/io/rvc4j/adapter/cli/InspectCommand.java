package io.rvc4j.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rvc4j.engine.io.ModelInspector;
import io.rvc4j.engine.registry.DirectoryModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rvc inspect FILE|NAME}: a model file's metadata, or a registry voice's (its {@code .pth} and index header), as
 * JSON, read without executing anything and without loading weights.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the metadata of a .pth, .pt, .index or .safetensors file (or a Transformers folder), or of "
                + "a voice in the models directory by name, as JSON.")
final class InspectCommand implements Callable<Integer> {
    /** Arguments ending like this are files, never voice names. */
    private static final Set<String> FILE_EXTENSIONS = Set.of(".pth", ".pt", ".index", ".safetensors", ".npy", ".bin",
            ".json");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|NAME", description = "The file or folder to inspect, or a voice model's name.")
    String target;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Where voice names are looked up. Default: $RVC_MODELS_DIR or ./"
                    + EngineOptions.DEFAULT_MODELS_DIR + ".")
    Path modelsDir;

    @Override
    public Integer call() throws IOException {
        Path file = Path.of(target);
        Map<String, Object> metadata;
        if (Files.exists(file)) {
            metadata = ModelInspector.inspect(file);
        } else if (looksLikeAPath(target)) {
            throw new NoSuchFileException(target);
        } else {
            EngineOptions engine = new EngineOptions();
            engine.modelsDir = modelsDir;
            metadata = new DirectoryModelRegistry(engine.modelsDir()).describe(target).toMap();
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metadata);
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static boolean looksLikeAPath(String arg) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return arg.contains("/") || arg.contains("\\") || FILE_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }
}
