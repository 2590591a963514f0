package io.rvc4j.dsp.stream;

import static io.rvc4j.dsp.TestSignals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SolaStitcherTest {
    private static final int RATE = 16000;
    private static final int BLOCK = 8000;
    private static final int CROSSFADE = 800;
    private static final int SEARCH = 200;
    private static final int TAIL = BLOCK + CROSSFADE + SEARCH;

    @Test
    void a_sine_split_into_blocks_comes_back_without_discontinuities() {
        float[] x = sine(440, 0.5, RATE, 12 * BLOCK + TAIL);
        float[] y = stitch(x, new int[12], 12);
        // A 440 Hz sine at 0.5 moves at most 2 pi 440 / 16000 x 0.5 = 0.0864 per sample; 5 % margin for the fades.
        double maxJump = 0;
        for (int i = 1; i < y.length; i++) {
            maxJump = Math.max(maxJump, Math.abs(y[i] - y[i - 1]));
        }
        assertThat(maxJump).isLessThan(0.0864 * 1.05);
    }

    @Test
    void realigns_blocks_that_the_converter_shifted() {
        // A non-periodic signal, so only the true alignment correlates; each block arrives shifted by 0..SEARCH/2.
        Random r = new Random(3);
        float[] x = new float[14 * BLOCK + TAIL + SEARCH];
        for (double f : new double[] {123.4, 317.9, 911.1, 1543.7}) {
            float[] s = sine(f, 0.2, RATE, x.length);
            for (int i = 0; i < x.length; i++) {
                x[i] += s[i];
            }
        }
        float[] noise = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            noise[i] = (float) (r.nextGaussian() * 0.05);
        }
        for (int i = 1; i < x.length; i++) {
            x[i] += 0.5f * noise[i] + 0.5f * noise[i - 1];
        }
        int blocks = 12;
        int[] shifts = new int[blocks];
        shifts[0] = SEARCH / 2;
        for (int b = 1; b < blocks; b++) {
            shifts[b] = r.nextInt(SEARCH / 2 + 1);
        }
        float[] y = stitch(x, shifts, blocks);
        // The first splice has nothing to match (offset 0), so block b starts at x[b BLOCK + SEARCH/2]; if every later
        // splice found the true alignment, the output after the first block is exactly x advanced by SEARCH/2.
        double err = 0;
        for (int i = BLOCK; i < y.length; i++) {
            err = Math.max(err, Math.abs(y[i] - x[i + SEARCH / 2]));
        }
        // Identical aligned material crossfades to itself: float rounding only.
        assertThat(err).isLessThan(1e-5);
    }

    @Test
    void rejects_a_tail_shorter_than_block_plus_crossfade_plus_search() {
        StreamStitcherHolder h = new StreamStitcherHolder();
        assertThatThrownBy(() -> h.splice.next(new float[TAIL - 1], BLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Block b's tail ends at input (b + 1) x BLOCK + TAIL and is shifted left by shifts[b] (its content starts later). */
    private static float[] stitch(float[] x, int[] shifts, int blocks) {
        SolaStitcher.SolaSplice splice = (SolaStitcher.SolaSplice) new SolaStitcher().open(CROSSFADE, SEARCH);
        float[] out = new float[blocks * BLOCK];
        for (int b = 0; b < blocks; b++) {
            int start = b * BLOCK + shifts[b];
            float[] tail = Arrays.copyOfRange(x, start, start + TAIL);
            System.arraycopy(splice.next(tail, BLOCK), 0, out, b * BLOCK, BLOCK);
        }
        return out;
    }

    private static final class StreamStitcherHolder {
        final io.rvc4j.core.port.out.StreamStitcher.Splice splice = new SolaStitcher().open(CROSSFADE, SEARCH);
    }
}
