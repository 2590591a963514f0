package io.rvc4j.core.port.in;

import io.rvc4j.core.model.Check;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.StreamSettings;

/** Open a real-time conversion stream. */
public record OpenStreamCommand(ModelRef model, ConversionParams params, StreamSettings settings) {
    public OpenStreamCommand {
        Check.present("model_name", model);
        Check.present("params", params);
        Check.present("settings", settings);
    }
}
