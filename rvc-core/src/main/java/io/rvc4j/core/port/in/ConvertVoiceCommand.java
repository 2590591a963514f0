package io.rvc4j.core.port.in;

import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.Check;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;

/** Convert one recording with one voice model and encode the result. */
public record ConvertVoiceCommand(ModelRef model, AudioSource input, ConversionParams params, OutputFormat outputFormat) {
    public ConvertVoiceCommand {
        Check.present("model_name", model);
        Check.present("audio_file", input);
        Check.present("params", params);
        Check.present("output_format", outputFormat);
    }
}
