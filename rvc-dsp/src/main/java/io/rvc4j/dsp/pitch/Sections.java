package io.rvc4j.dsp.pitch;

import java.util.Arrays;
import java.util.List;

/** Voiced sections of an f0 contour as Harvest marks them ({@code GetBoundaryList}, {@code GetMultiChannelF0}). */
final class Sections {
    private Sections() {
    }

    /**
     * Start and end frame (both inclusive) of each voiced run, as a flat list; the first and last frames count as
     * unvoiced, as in WORLD.
     */
    static int[] boundaries(double[] f0) {
        int n = f0.length;
        int[] list = new int[n];
        int count = 0;
        int previous = 0;
        for (int i = 1; i < n; i++) {
            int voiced = i == n - 1 ? 0 : (f0[i] > 0 ? 1 : 0);
            if (voiced != previous) {
                list[count] = i - count % 2;
                count++;
            }
            previous = voiced;
        }
        return Arrays.copyOf(list, count);
    }

    /** Swaps two sections and their bounds ({@code Swap} in WORLD's {@code harvest.cpp}). */
    static void swap(int a, int b, List<Channel> channels, int[] bounds) {
        Channel c = channels.get(a);
        channels.set(a, channels.get(b));
        channels.set(b, c);
        for (int k = 0; k < 2; k++) {
            int t = bounds[a * 2 + k];
            bounds[a * 2 + k] = bounds[b * 2 + k];
            bounds[b * 2 + k] = t;
        }
    }

    /**
     * One voiced section alone on an otherwise zero contour. WORLD stores each as a full-length array; this keeps only
     * the section plus the margin an extension can reach, so memory does not grow with sections times frames.
     */
    static final class Channel {
        private final int offset;
        private final double[] values;

        private Channel(int offset, double[] values) {
            this.offset = offset;
            this.values = values;
        }

        static Channel of(double[] f0, int start, int end, int margin) {
            int lo = Math.max(0, start - margin);
            int hi = Math.min(f0.length - 1, end + margin);
            double[] v = new double[hi - lo + 1];
            System.arraycopy(f0, start, v, start - lo, end - start + 1);
            return new Channel(lo, v);
        }

        double get(int frame) {
            int k = frame - offset;
            return k >= 0 && k < values.length ? values[k] : 0.0;
        }

        void set(int frame, double value) {
            int k = frame - offset;
            if (k < 0 || k >= values.length) {
                if (value != 0.0) {
                    throw new IllegalStateException("extension beyond its margin at frame " + frame);
                }
                return;
            }
            values[k] = value;
        }

        void copyInto(double[] out) {
            System.arraycopy(values, 0, out, offset, values.length);
        }
    }
}
