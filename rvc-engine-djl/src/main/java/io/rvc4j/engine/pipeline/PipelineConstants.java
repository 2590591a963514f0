package io.rvc4j.engine.pipeline;

/**
 * The fp32 ({@code is_half = False}) window constants of RVC's {@code Pipeline} (reference note section 3.3) and the
 * sizes derived from them. The fp16 set (3/10/60/65) changes padding, chunking and trimming, so parity runs pin this
 * one.
 */
public final class PipelineConstants {
    /** HuBERT input rate. */
    public static final int SR = 16_000;
    /** Samples per f0 frame ({@code window}). */
    public static final int WINDOW = 160;
    /** {@code x_pad}: seconds of reflect padding on each side. */
    public static final int X_PAD = 1;
    /** {@code x_query}: seconds searched on each side of a nominal cut. */
    public static final int X_QUERY = 6;
    /** {@code x_center}: nominal distance between cuts, seconds. */
    public static final int X_CENTER = 38;
    /** {@code x_max}: inputs up to this long (plus 10 ms) are not split. */
    public static final int X_MAX = 41;

    public static final int T_PAD = SR * X_PAD;
    public static final int T_PAD2 = 2 * T_PAD;
    public static final int T_QUERY = SR * X_QUERY;
    public static final int T_CENTER = SR * X_CENTER;
    public static final int T_MAX = SR * X_MAX;
    /** f0 frames per second. */
    public static final int FRAME_RATE = SR / WINDOW;

    private PipelineConstants() {
    }

    /** {@code t_pad_tgt}: output samples trimmed from each end of a chunk. */
    public static int targetPad(int targetRate) {
        return targetRate * X_PAD;
    }
}
