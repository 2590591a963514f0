package io.rvc4j.adapter.cli;

import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.registry.DirectoryModelRegistry;
import io.rvc4j.engine.registry.ModelInstaller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rvc models remove NAME}: deletes a voice model's folder (or its flat .pth and index). */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a voice model from the models directory.")
final class ModelsRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Parameters(paramLabel = "NAME", description = "The model to delete.")
    String name;

    @Override
    public Integer call() {
        VoiceModelInfo model = new DirectoryModelRegistry(engine.modelsDir()).resolve(ModelRef.named(name));
        new ModelInstaller(engine.modelsDir(), ModelsAddCommand.DEFAULT_MAX_BYTES).remove(model);
        spec.commandLine().getOut().println("removed " + model.name());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
