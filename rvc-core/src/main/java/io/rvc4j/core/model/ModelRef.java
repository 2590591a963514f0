package io.rvc4j.core.model;

import java.nio.file.Path;
import java.util.Optional;

/** Which voice model a request means: a name in the models directory, or explicit files (CLI {@code --model-file}). */
public sealed interface ModelRef {

    /** A model folder (AICoverGen layout) or {@code .pth} stem (flat layout) in the registry's directory. */
    record ByName(String name) implements ModelRef {
        public ByName {
            Check.present("model_name", name);
        }
    }

    /** A {@code .pth} file and an optional FAISS index anywhere on disk. */
    record ByFile(Path modelFile, Optional<Path> indexFile) implements ModelRef {
        public ByFile {
            Check.present("model_file", modelFile);
            Check.present("index_file", indexFile);
        }
    }

    static ModelRef named(String name) {
        return new ByName(name);
    }

    static ModelRef file(Path model, Path indexOrNull) {
        return new ByFile(model, Optional.ofNullable(indexOrNull));
    }
}
