package io.rvc4j.core.model;

/**
 * One part of a mix with its total gain (base level plus the user's gain).
 *
 * @param role what the part is, for messages and logs
 * @param audio the part's audio at any rate and channel count; the mixer converts
 * @param gainDb gain applied before summing
 */
public record Stem(Role role, AudioClip audio, double gainDb) {
    /** The parts of an AICoverGen mix. */
    public enum Role { MAIN_VOCALS, BACKUP_VOCALS, INSTRUMENTAL }

    public Stem {
        Check.present("role", role);
        Check.present("audio", audio);
        if (!Double.isFinite(gainDb)) {
            throw new IllegalArgumentException("gain must be finite, got " + gainDb);
        }
    }
}
