package io.rvc4j.engine.pitch;

/**
 * RMVPE's {@code decode} / {@code to_local_average_cents}: around the first argmax bin c, the salience-weighted mean
 * of the cents of bins c-4..c+4 (bins past either end count as salience 0), 0 where the frame's maximum is at or below
 * the threshold; then {@code f0 = 10 * 2^(cents / 1200)}, with 0 cents mapped to 0 Hz.
 */
final class RmvpeDecoder {
    /** RVC pipeline: {@code infer_from_audio(x, thred=0.03)}. */
    static final double THRESHOLD = 0.03;
    /** cents_mapping = 20 * bin + 1997.3794084376191 (shared with CREPE's bin scale). */
    private static final double CENTS_OFFSET = 1997.3794084376191;
    private static final int HALF_WINDOW = 4;

    private RmvpeDecoder() {}

    /** f0 in Hz per frame from a row-major [frames, 360] salience. */
    static float[] decode(float[] salience, int frames, double threshold) {
        int bins = DjlRmvpeNet.BINS;
        float[] f0 = new float[frames];
        for (int t = 0; t < frames; t++) {
            int base = t * bins;
            int center = 0;
            for (int b = 1; b < bins; b++) {
                if (salience[base + b] > salience[base + center]) {
                    center = b;
                }
            }
            if (!(salience[base + center] > (float) threshold)) { // numpy compares float32 with the weak scalar in float32
                continue;
            }
            double product = 0;
            double weight = 0;
            for (int b = center - HALF_WINDOW; b <= center + HALF_WINDOW; b++) {
                if (b >= 0 && b < bins) {
                    double s = salience[base + b];
                    product += s * (20.0 * b + CENTS_OFFSET);
                    weight += s;
                }
            }
            double cents = product / weight;
            f0[t] = (float) (10 * Math.pow(2, cents / 1200));
        }
        return f0;
    }
}
