package io.rvc4j.core.port.out;

/** Band-limited sample-rate conversion of one channel. */
public interface Resampler {

    /** Resamples {@code samples} from {@code fromRate} to {@code toRate}; the output has {@code round(n * to / from)} frames. */
    float[] resample(float[] samples, int fromRate, int toRate);
}
