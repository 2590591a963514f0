package io.rvc4j.dsp.resample;

import io.rvc4j.core.port.out.Resampler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited resampling with a Kaiser-windowed sinc (J. O. Smith, "Digital Audio Resampling"; the design of
 * resampy's {@code kaiser_best} and soxr's linear-phase filters). The ratio {@code to/from} is reduced to {@code L/M};
 * each of the {@code L} phases gets its own exact filter when the table stays small, otherwise taps are read from a
 * finely sampled kernel with linear interpolation.
 *
 * <p>The filter is designed at the lower of the two rates: flat to {@code passband} x Nyquist, at least
 * {@code stopbandDb} down from {@code stopband} x Nyquist on. Kaiser's formulas give the window's beta and the
 * half-length. Samples outside the input count as zero (as soxr and resampy do), so the ends see the filter's edge.
 * The output has {@code round(n * to / from)} frames and sample {@code k} sits at input time {@code k * from / to}:
 * no delay. Thread-safe; filter tables are cached per rate pair.
 */
public final class SincResampler implements Resampler {
    /** Passband edge and stopband start, fractions of the lower Nyquist, and stopband depth: the defaults. */
    public static final double DEFAULT_PASSBAND = 0.91;
    public static final double DEFAULT_STOPBAND = 1.0;
    public static final double DEFAULT_STOPBAND_DB = 160.0;
    /** Above this many (double) coefficients, 8 MB, a rate pair uses the interpolated kernel instead of exact phases. */
    private static final int MAX_TABLE = 1 << 21;
    /** Kernel samples per input sample for the interpolated path (resampy uses 2^9 per zero crossing). */
    private static final int FINE = 1024;

    private final double passband;
    private final double stopband;
    private final double stopbandDb;
    private final Map<Long, PolyphaseFilter> cache = new ConcurrentHashMap<>();

    /** The default quality: passband 0.91, stopband from 1.0 x Nyquist, 160 dB: measured equal to soxr VHQ (docs/dsp.md). */
    public SincResampler() {
        this(DEFAULT_PASSBAND, DEFAULT_STOPBAND, DEFAULT_STOPBAND_DB);
    }

    public SincResampler(double passband, double stopband, double stopbandDb) {
        if (!(passband > 0 && passband < stopband && stopband <= 1.5 && stopbandDb >= 20 && stopbandDb <= 200)) {
            throw new IllegalArgumentException("need 0 < passband < stopband <= 1.5 and 20 <= stopband dB <= 200, got "
                    + passband + ", " + stopband + ", " + stopbandDb);
        }
        this.passband = passband;
        this.stopband = stopband;
        this.stopbandDb = stopbandDb;
    }

    @Override
    public float[] resample(float[] samples, int fromRate, int toRate) {
        int outLength = ResampleArgs.outputLength(samples.length, fromRate, toRate);
        if (fromRate == toRate) {
            return samples.clone();
        }
        PolyphaseFilter filter = cache.computeIfAbsent(((long) fromRate << 32) | toRate,
                k -> PolyphaseFilter.design(fromRate, toRate, passband, stopband, stopbandDb, MAX_TABLE, FINE));
        return filter.apply(samples, outLength);
    }
}
