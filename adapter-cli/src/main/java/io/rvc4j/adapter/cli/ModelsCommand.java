package io.rvc4j.adapter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.Rvc;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rvc models}: the voice models in the models directory. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the voice models; add or remove one with the subcommands.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print JSON: [{name, model_file, index_file, size_bytes}].")
    boolean json;

    private final EngineFactory engines;

    ModelsCommand(EngineFactory engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws IOException {
        List<VoiceModelInfo> models;
        try (Rvc rvc = engines.open(engine)) {
            models = rvc.listModels().listModels();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = models.stream().map(ModelsCommand::row).toList();
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else if (models.isEmpty()) {
            out.println("no voice models in " + engine.modelsDir().toAbsolutePath());
        } else {
            for (VoiceModelInfo m : models) {
                out.printf("%-32s %8.1f MB%s%n", m.name(), m.modelBytes() / 1e6,
                        m.indexFile().isPresent() ? "  + index" : "");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> row(VoiceModelInfo m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", m.name());
        row.put("model_file", m.modelFile().toString());
        row.put("index_file", m.indexFile().map(Object::toString).orElse(null));
        row.put("size_bytes", m.modelBytes());
        return row;
    }
}
