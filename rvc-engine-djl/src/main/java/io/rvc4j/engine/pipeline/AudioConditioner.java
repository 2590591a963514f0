package io.rvc4j.engine.pipeline;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.dsp.filter.Butterworth;
import io.rvc4j.dsp.filter.FiltFilt;

/**
 * What RVC does to 16 kHz input before pitch extraction (reference note sections 3.1 step 3, 3.4, 3.6): the peak
 * guard at 0.95, the 5th-order 48 Hz Butterworth high-pass run forwards and backwards (SciPy {@code filtfilt}, in
 * double), and numpy's reflect padding by {@code t_pad} on each side. The samples are stored as float32, the
 * precision HuBERT and the f0 estimators consume.
 */
public final class AudioConditioner {
    /** {@code audio_max = max|audio| / 0.95}; audio is scaled down only when that exceeds 1 [RVC modules.py]. */
    public static final float PEAK_GUARD = 0.95f;

    private final FiltFilt highPass = new FiltFilt(Butterworth.rvcHighPass());

    /**
     * Conditions {@code audio16k} (not modified).
     *
     * @throws InvalidAudioException when the audio is too short to filter (19 samples or fewer) or not finite
     */
    public PreparedAudio prepare(float[] audio16k) {
        int n = audio16k.length;
        if (n <= highPass.padLength()) {
            throw new InvalidAudioException("audio of " + n + " samples is too short to convert: the 48 Hz high-pass"
                    + " needs more than " + highPass.padLength() + " samples at 16 kHz");
        }
        float peak = 0f;
        for (float v : audio16k) {
            if (!Float.isFinite(v)) {
                throw new InvalidAudioException("audio contains a non-finite sample (" + v + ")");
            }
            peak = Math.max(peak, Math.abs(v));
        }
        float scale = peak / PEAK_GUARD;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale > 1f ? audio16k[i] / scale : audio16k[i];
        }
        double[] filtered = highPass.apply(x);
        int pad = PipelineConstants.T_PAD;
        float[] f = new float[n];
        float[] padded = new float[n + 2 * pad];
        for (int i = 0; i < n; i++) {
            f[i] = (float) filtered[i];
        }
        for (int i = 0; i < padded.length; i++) {
            padded[i] = f[reflect(i - pad, n)];
        }
        return PreparedAudio.wrap(f, padded, pad);
    }

    /**
     * numpy {@code pad(mode="reflect")} index for position {@code i} of an {@code n}-sample signal: mirror about the
     * end samples without repeating them, folding again as often as the pad needs (numpy pads wider than the signal
     * this way too).
     */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int j = Math.abs(i) % period;
        return j >= n ? period - j : j;
    }
}
