package io.rvc4j.core.port.in;

/**
 * Told as a use case starts each stage of its work, on the calling thread, for progress displays. Optional: the
 * one-argument use case methods report to {@link #NONE}. A listener must return quickly and not throw.
 */
@FunctionalInterface
public interface StageListener {
    /** Ignores every stage. */
    StageListener NONE = stage -> {
    };

    void started(Stage stage);

    /** The stages, in the order a cover passes them; a conversion passes DECODE, F0, CONVERT, ENCODE. */
    enum Stage {
        /** Decoding the input audio (every stem of a cover). */
        DECODE("decode"),
        /** Conditioning the 16 kHz input and extracting f0 (skipped for models without f0). */
        F0("f0"),
        /** Content features, index retrieval and the synthesizer: the voice converter port. */
        CONVERT("features, synthesis"),
        /** The cover's vocal chain (high-pass, compressor, reverb). */
        EFFECTS("effects"),
        /** The cover's pitch shift of the instrumental and backup vocals (only when pitch_change_all is not 0). */
        PITCH_SHIFT("pitch shift"),
        /** Mixing the cover's stems. */
        MIX("mix"),
        /** Encoding the result. */
        ENCODE("encode");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** A short lower-case name for displays. */
        public String label() {
            return label;
        }
    }
}
