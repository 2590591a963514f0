package io.rvc4j.engine.pitch;

/**
 * How CREPE turns the Viterbi path into Hz. Both follow the same path (torchcrepe 0.0.20's Viterbi, which RVC uses).
 */
public enum CrepeDecoding {
    /**
     * The bin centre, exactly torchcrepe 0.0.20 without its random dither: a 20-cent grid, so a steady tone midway
     * between two bins is off by 10 cents or more. RVC adds triangular noise of up to ±20 cents on top.
     */
    VITERBI,
    /**
     * The original CREPE's {@code to_viterbi_cents}: the activation-weighted mean of the cents of the nine bins
     * around the path's bin (bins outside 50..1100 Hz weigh 0). Within 10 cents of the bin centre, so inside the
     * range RVC's dithered output covers, and accurate between bins. The default.
     */
    VITERBI_LOCAL_AVERAGE
}
