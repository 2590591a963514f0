package io.rvc4j.core.model;

/**
 * What the converter knows about a loaded voice model.
 *
 * @param sampleRate the synthesizer's output rate (32000, 40000 or 48000)
 * @param pitchGuided true for f0 (NSF) models; no-f0 models skip pitch extraction entirely
 * @param version {@code v1} (256-d features) or {@code v2} (768-d)
 * @param speakers rows of the speaker table
 */
public record VoiceProfile(int sampleRate, boolean pitchGuided, String version, int speakers) {
    public VoiceProfile {
        Check.inRange("sample_rate", sampleRate, 8_000, 192_000);
        Check.present("version", version);
        Check.inRange("speakers", speakers, 1, Integer.MAX_VALUE);
    }
}
