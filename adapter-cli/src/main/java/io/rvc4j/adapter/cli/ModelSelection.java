package io.rvc4j.adapter.cli;

import io.rvc4j.core.model.ModelRef;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Either a model name in the models directory or explicit files. */
final class ModelSelection {
    @Option(names = "--model", paramLabel = "NAME", required = true,
            description = "Voice model name (folder or .pth stem in the models directory).")
    String name;

    @ArgGroup(exclusive = false)
    Files files;

    /** {@code --model-file PATH [--index PATH]}. */
    static final class Files {
        @Option(names = "--model-file", paramLabel = "PATH", required = true, description = "A .pth voice model anywhere on disk.")
        Path modelFile;

        @Option(names = "--index", paramLabel = "PATH", description = "Its FAISS .index (optional).")
        Path index;
    }

    ModelRef toRef() {
        return files != null ? ModelRef.file(files.modelFile, files.index) : ModelRef.named(name);
    }

    String label() {
        if (files != null) {
            String file = files.modelFile.getFileName().toString();
            return file.endsWith(".pth") ? file.substring(0, file.length() - 4) : file;
        }
        return name;
    }
}
