package io.rvc4j.core.port.in;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.OutputFormat;

/**
 * A converted recording.
 *
 * @param modelName the model that converted it
 * @param audio the converted audio
 * @param format the encoding of {@code encoded}
 * @param encoded the complete encoded file
 */
public record ConversionResult(String modelName, AudioClip audio, OutputFormat format, byte[] encoded) {
}
