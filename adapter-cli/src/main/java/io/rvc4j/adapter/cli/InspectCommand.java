package io.rvc4j.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rvc4j.engine.io.ModelInspector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rvc inspect FILE}: a model file's metadata as JSON, read without executing anything in it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the metadata of a .pth, .pt, .index or .safetensors file (or a Transformers folder) as JSON.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file or folder to inspect.")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!java.nio.file.Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(ModelInspector.inspect(file));
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
