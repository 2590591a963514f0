package io.rvc4j.core.model;

/**
 * The user's per-stem gains in dB, added on top of AICoverGen's base levels ({@link #MAIN_BASE_DB} and so on).
 * The range is AICoverGen's web UI range.
 */
public record MixGains(double mainDb, double backupDb, double instrumentalDb) {
    public static final double MIN_DB = -20;
    public static final double MAX_DB = 20;
    /** AICoverGen's fixed offsets (aicovergen-pipeline.md section 7). */
    public static final double MAIN_BASE_DB = -4;
    public static final double BACKUP_BASE_DB = -6;
    public static final double INSTRUMENTAL_BASE_DB = -7;

    public MixGains {
        Check.inRange("main_gain", mainDb, MIN_DB, MAX_DB);
        Check.inRange("backup_gain", backupDb, MIN_DB, MAX_DB);
        Check.inRange("inst_gain", instrumentalDb, MIN_DB, MAX_DB);
    }

    public static MixGains unity() {
        return new MixGains(0, 0, 0);
    }
}
