package io.rvc4j.dsp.pitch;

import java.util.Arrays;

/** How closely two f0 tracks agree: voicing agreement and the median relative error where both are voiced. */
record F0Agreement(int frames, double voicingAgreement, double medianRelativeError, double maxRelativeError) {
    static F0Agreement of(double[] expected, double[] actual) {
        int n = Math.min(expected.length, actual.length);
        int same = 0;
        double[] errors = new double[n];
        int both = 0;
        for (int i = 0; i < n; i++) {
            boolean e = expected[i] > 0;
            boolean a = actual[i] > 0;
            if (e == a) {
                same++;
            }
            if (e && a) {
                errors[both++] = Math.abs(actual[i] - expected[i]) / expected[i];
            }
        }
        double[] voiced = Arrays.copyOf(errors, both);
        Arrays.sort(voiced);
        double median = both == 0 ? 0 : (both % 2 == 1 ? voiced[both / 2] : (voiced[both / 2 - 1] + voiced[both / 2]) / 2);
        double max = both == 0 ? 0 : voiced[both - 1];
        return new F0Agreement(n, n == 0 ? 1 : (double) same / n, median, max);
    }
}
