package io.rvc4j.core.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A voice model as the registry lists it, without loading its weights.
 *
 * @param name the name requests use (folder name, or the {@code .pth} stem in a flat directory)
 * @param modelFile the {@code .pth} file
 * @param indexFile the FAISS {@code .index}, when there is one
 * @param modelBytes size of the {@code .pth} file
 */
public record VoiceModelInfo(String name, Path modelFile, Optional<Path> indexFile, long modelBytes) {
    public VoiceModelInfo {
        Check.present("name", name);
        Check.present("model_file", modelFile);
        Check.present("index_file", indexFile);
    }
}
