package io.rvc4j.core.port.out;

import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.VoiceModelInfo;
import java.util.List;

/** The voice models on disk, listed without loading weights. */
public interface ModelRegistry {

    /** Every usable voice model, sorted by name. */
    List<VoiceModelInfo> list();

    /**
     * Finds the files a reference means.
     *
     * @throws io.rvc4j.core.error.ModelNotFoundException when no such model exists (message: {@code Voice model not
     *     found: <name> (looked in <dir>)}), or its folder has no {@code .pth} ({@code No model file exists in <dir>})
     * @throws io.rvc4j.core.error.InvalidParameterException when a name would escape the models directory
     */
    VoiceModelInfo resolve(ModelRef ref);
}
