package io.rvc4j.adapter.runpod;

import io.rvc4j.core.port.out.Resampler;

/** In-test linear-interpolation resampler: enough to move test tones between rates. */
final class LinearResampler implements Resampler {
    @Override
    public float[] resample(float[] samples, int fromRate, int toRate) {
        return resampleLinear(samples, fromRate, toRate);
    }

    static float[] resampleLinear(float[] in, int from, int to) {
        int n = (int) Math.round((double) in.length * to / from);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double x = (double) i * from / to;
            int j = (int) x;
            double f = x - j;
            float a = in[Math.min(j, in.length - 1)];
            float b = in[Math.min(j + 1, in.length - 1)];
            out[i] = (float) (a + (b - a) * f);
        }
        return out;
    }
}
