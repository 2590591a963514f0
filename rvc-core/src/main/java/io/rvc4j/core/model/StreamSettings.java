package io.rvc4j.core.model;

/**
 * Shape of a real-time conversion stream, in frames at the stream's own sample rate.
 *
 * @param sampleRate rate of the PCM the client sends and receives
 * @param blockFrames frames per block the converter runs on (the client may send any chunk size)
 * @param contextFrames extra left context fed to the model before each block, not output
 * @param crossfadeFrames length of the SOLA crossfade between consecutive blocks
 * @param searchFrames how far SOLA searches for the best splice point
 * @param silenceThresholdDb blocks whose RMS is below this level are passed as silence without conversion
 */
public record StreamSettings(int sampleRate, int blockFrames, int contextFrames, int crossfadeFrames, int searchFrames,
        double silenceThresholdDb) {
    public StreamSettings {
        Check.inRange("sample_rate", sampleRate, 8_000, 192_000);
        Check.inRange("block_size", blockFrames, sampleRate / 50, sampleRate * 4);
        Check.inRange("context", contextFrames, 0, sampleRate * 4);
        Check.inRange("crossfade", crossfadeFrames, 0, blockFrames);
        Check.inRange("search", searchFrames, 0, blockFrames);
        Check.inRange("silence_threshold_db", silenceThresholdDb, -120, 0);
    }

    /** Defaults a simple client can rely on: 16 kHz, 0.5 s blocks, 1 s context, 50 ms crossfade, 12 ms search, -60 dB gate. */
    public static StreamSettings defaults(int sampleRate) {
        return new StreamSettings(sampleRate, sampleRate / 2, sampleRate, sampleRate / 20, sampleRate / 80, -60);
    }
}
