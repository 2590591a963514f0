package io.rvc4j.dsp.pitch;

import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;

/**
 * RVC's {@code harvest} method ({@code Pipeline.get_f0}): WORLD Harvest at f0 50..1100 Hz with a 10 ms frame period,
 * StoneMask refinement, then a 3-point median filter when {@code filter_radius >= 3}. Harvest gives
 * {@code len / 160 + 1} frames; the first {@code p_len = len / 160} are kept, as RVC trims them. The request's method
 * is not consulted: a dispatcher has already chosen this extractor.
 */
public final class HarvestPitchExtractor implements PitchExtractor {
    /** RVC's {@code f0_min} and {@code f0_max} ({@code Pipeline.get_f0}). */
    static final double F0_MIN = 50;
    static final double F0_MAX = 1100;
    /** RVC's frame period in ms: hop 160 at 16 kHz. */
    static final double FRAME_PERIOD_MS = 10;
    /** RVC filters when {@code filter_radius > 2}, always with kernel 3. */
    static final int FILTER_SWITCH_RADIUS = 3;
    static final int MEDIAN_KERNEL = 3;

    private final Harvest harvest = new Harvest(F0_MIN, F0_MAX, FRAME_PERIOD_MS);

    @Override
    public PitchTrack extract(float[] audio16k, PitchRequest request) {
        PitchInput.checkRequest(request);
        int pLen = PitchInput.frames(audio16k, "harvest");
        double[] x = PitchInput.toDouble(audio16k);
        double[] raw = harvest.estimate(x, PitchInput.SAMPLE_RATE);
        double[] refined = StoneMask.refine(x, PitchInput.SAMPLE_RATE, harvest.times(raw.length), raw);
        float[] f0 = new float[refined.length];
        for (int i = 0; i < f0.length; i++) {
            f0[i] = (float) refined[i];
        }
        if (request.filterRadius() >= FILTER_SWITCH_RADIUS) {
            f0 = MedianFilter.apply(f0, MEDIAN_KERNEL);
        }
        return PitchTrack.wrap(java.util.Arrays.copyOf(f0, pLen), PitchTrack.RVC_FRAME_RATE);
    }
}
