package io.rvc4j.core.port.in;

import io.rvc4j.core.model.OutputFormat;

/**
 * A finished cover.
 *
 * @param modelName the voice model used
 * @param fileName {@code cover_<model>.<ext>}, as the RunPod seed names it
 * @param format the encoding
 * @param encoded the complete file
 * @param sampleRate the mix's rate
 * @param durationSeconds the mix's length
 */
public record CoverResult(String modelName, String fileName, OutputFormat format, byte[] encoded, int sampleRate,
        double durationSeconds) {
}
