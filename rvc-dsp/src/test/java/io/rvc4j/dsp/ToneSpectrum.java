package io.rvc4j.dsp;

/**
 * Artefact measures on test tones, as an FFT audio analyser makes them: a 4-term Blackman-Harris window (side lobes
 * at -92 dB) over a power-of-two span, power spectrum, each expected tone taken as the bins within
 * {@value #TONE_HALF_WIDTH_HZ} Hz of it (the window's main lobe is +-4 bins; the rest of the half-width catches a
 * slow wobble), DC and the bins below 20 Hz left out.
 */
public final class ToneSpectrum {
    /** Half-width in Hz of the band counted as a tone. */
    public static final double TONE_HALF_WIDTH_HZ = 8;
    private static final double LOWEST_HZ = 20;

    private final double[] power;
    private final double binHz;

    /** The spectrum of {@code x[from, from + n)}; {@code n} must be a power of two. */
    public ToneSpectrum(float[] x, int from, int n, int rate) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 2 * Math.PI * i / n;
            double w = 0.35875 - 0.48829 * Math.cos(p) + 0.14128 * Math.cos(2 * p) - 0.01168 * Math.cos(3 * p);
            re[i] = x[from + i] * w;
        }
        TestSignals.fft(re, im);
        power = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
        binHz = (double) rate / n;
    }

    /** Power of the band around {@code hz}. */
    public double tonePower(double hz) {
        double sum = 0;
        for (int k = lo(hz); k <= hi(hz); k++) {
            sum += power[k];
        }
        return sum;
    }

    /** THD+N in dB: everything from 20 Hz up that is not in the bands of {@code tones}, relative to those bands. */
    public double thdPlusNoiseDb(double... tones) {
        double signal = 0;
        for (double f : tones) {
            signal += tonePower(f);
        }
        double rest = 0;
        for (int k = (int) Math.ceil(LOWEST_HZ / binHz); k < power.length; k++) {
            if (!inAnyBand(k, tones)) {
                rest += power[k];
            }
        }
        return 10 * Math.log10(rest / signal);
    }

    /**
     * The strongest spurious component in dBc: the highest single bin outside the bands of {@code tones}, relative
     * to the highest bin of the strongest tone (both are window-weighted peaks, so the ratio is a level ratio).
     */
    public double worstSpuriousDbc(double... tones) {
        double ref = 0;
        for (double f : tones) {
            for (int k = lo(f); k <= hi(f); k++) {
                ref = Math.max(ref, power[k]);
            }
        }
        double spur = 0;
        for (int k = (int) Math.ceil(LOWEST_HZ / binHz); k < power.length; k++) {
            if (!inAnyBand(k, tones)) {
                spur = Math.max(spur, power[k]);
            }
        }
        return 10 * Math.log10(spur / ref);
    }

    /** Peak level in dBc of the band around {@code hz} relative to the strongest bin of {@code reference}. */
    public double levelDbc(double hz, double reference) {
        double ref = 0;
        for (int k = lo(reference); k <= hi(reference); k++) {
            ref = Math.max(ref, power[k]);
        }
        double peak = 0;
        for (int k = lo(hz); k <= hi(hz); k++) {
            peak = Math.max(peak, power[k]);
        }
        return 10 * Math.log10(peak / ref);
    }

    private boolean inAnyBand(int k, double[] tones) {
        for (double f : tones) {
            if (k >= lo(f) && k <= hi(f)) {
                return true;
            }
        }
        return false;
    }

    private int lo(double hz) {
        return Math.max(0, (int) Math.floor((hz - TONE_HALF_WIDTH_HZ) / binHz));
    }

    private int hi(double hz) {
        return Math.min(power.length - 1, (int) Math.ceil((hz + TONE_HALF_WIDTH_HZ) / binHz));
    }
}
