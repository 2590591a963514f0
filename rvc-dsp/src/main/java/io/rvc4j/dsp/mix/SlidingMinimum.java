package io.rvc4j.dsp.mix;

/** Running minimum over a window, by a monotonic deque (Lemire, "Streaming maximum-minimum filter", 2006). */
final class SlidingMinimum {
    private SlidingMinimum() {
    }

    /** {@code out[i] = min(x[i .. i + window - 1])}, the window clipped at the end. */
    static double[] forward(double[] x, int window) {
        int n = x.length;
        double[] out = new double[n];
        int[] deque = new int[n];
        int head = 0;
        int tail = 0;
        // Walk backwards so that each window starts at i and looks ahead.
        for (int i = n - 1; i >= 0; i--) {
            while (tail > head && x[deque[tail - 1]] >= x[i]) {
                tail--;
            }
            deque[tail++] = i;
            while (deque[head] > i + window - 1) {
                head++;
            }
            out[i] = x[deque[head]];
        }
        return out;
    }
}
