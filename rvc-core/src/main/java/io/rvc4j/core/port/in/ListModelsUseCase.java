package io.rvc4j.core.port.in;

import io.rvc4j.core.model.VoiceModelInfo;
import java.util.List;

/** The voice models a request may name. */
public interface ListModelsUseCase {
    List<VoiceModelInfo> listModels();
}
