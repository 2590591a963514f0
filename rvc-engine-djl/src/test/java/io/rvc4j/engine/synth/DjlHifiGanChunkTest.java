package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunked decoding gives the whole-sequence result: on the reference's own {@code z} and {@code har}, decoding in
 * pieces of a few frames with {@link DjlHifiGan#receptiveRadius} frames of context matches the unchunked decoder to
 * float rounding and the upstream waveform by SNR, and too little context visibly does not.
 */
class DjlHifiGanChunkTest {

    /** Chunked vs whole: the same products summed in (nearly) the same order; outputs are in [-1, 1]. */
    private static final float SAME_TOLERANCE = 1e-5f;
    /** As DjlSynthesizerParityTest: waveform SNR against the upstream run. */
    private static final double MIN_SNR_DB = 60;

    private record Run(float[] whole, float[] chunked, float[] reference) {
    }

    private static Run decode(String variant, int chunk, int context) {
        SynthFixture fx = SynthFixture.load(variant);
        try (NDManager m = NDManager.newBaseManager()) {
            DjlWeights w = new DjlWeights(fx.weights(), m);
            SynthesizerConfig c = fx.config();
            NDArray z = fx.array(m, "z");
            NDArray har = fx.f0() ? fx.array(m, "har") : null;
            NDArray g = w.get("emb_g.weight", w.rows("emb_g.weight", c.ginChannels()), c.ginChannels())
                    .get(new NDIndex("{}:{}", fx.sid(), fx.sid() + 1)).reshape(1, c.ginChannels(), 1);
            float[] whole = new DjlHifiGan(w, c, Integer.MAX_VALUE, 0, DataType.FLOAT32).apply(z, g, har).toFloatArray();
            float[] chunked = new DjlHifiGan(w, c, chunk, context, DataType.FLOAT32).apply(z, g, har).toFloatArray();
            return new Run(whole, chunked, fx.floats("audio"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2-f0-40k-long", "v1-f0-48k", "v2-nof0-32k", "v2-f0-48k"})
    void chunks_with_the_receptive_radius_as_context_reproduce_the_whole_sequence(String variant) {
        SynthFixture fx = SynthFixture.load(variant);
        int radius = DjlHifiGan.receptiveRadius(fx.config());
        Run r = decode(variant, 10, radius);
        float diff = SynthFixture.maxAbsError(r.whole(), r.chunked());
        double snr = SynthFixture.snrDb(r.reference(), r.chunked());
        System.out.printf("CHUNK %s radius %d frames, chunked vs whole %.3g, vs upstream %.1f dB%n", variant, radius,
                diff, snr);
        assertThat(diff).as("chunked vs whole max abs").isLessThanOrEqualTo(SAME_TOLERANCE);
        assertThat(snr).as("chunked vs upstream waveform SNR dB").isGreaterThanOrEqualTo(MIN_SNR_DB);
    }

    @Test
    void the_radius_is_not_more_than_needed_by_much_and_less_context_breaks_the_seams() {
        SynthesizerConfig v2 = SynthFixture.load("v2-f0-40k-long").config();
        int radius = DjlHifiGan.receptiveRadius(v2);
        assertThat(radius).as("standard 40k config").isBetween(12, 16);
        float none = SynthFixture.maxAbsError(decode("v2-f0-40k-long", 10, radius).whole(),
                decode("v2-f0-40k-long", 10, 0).chunked());
        float short4 = SynthFixture.maxAbsError(decode("v2-f0-40k-long", 10, radius).whole(),
                decode("v2-f0-40k-long", 10, 4).chunked());
        System.out.printf("CHUNK seams: no context %.3g, 4 frames %.3g%n", none, short4);
        assertThat(none).as("no context").isGreaterThan(1e-3f);
        assertThat(short4).as("4 frames of context").isGreaterThan(SAME_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2-f0-40k-long", "v2-nof0-32k"})
    void infer_trimmed_equals_the_full_waveform_with_its_ends_cut(String variant) {
        SynthFixture fx = SynthFixture.load(variant);
        int trim = (int) (fx.outputFrames() / 4);
        int upp = fx.config().samplesPerFrame();
        try (NDManager m = NDManager.newBaseManager();
                DjlSynthesizer synth = DjlSynthesizer.load(fx.weights(), fx.config(), m)) {
            NDArray[] in = fx.inputs(m);
            float[] full = synth.infer(in[0], in[1], in[2], fx.sid(), true).toFloatArray();
            float[] trimmed = synth.inferTrimmed(in[0], in[1], in[2], fx.sid(), true, trim).toFloatArray();
            float[] cut = java.util.Arrays.copyOfRange(full, trim * upp, full.length - trim * upp);
            float diff = SynthFixture.maxAbsError(cut, trimmed);
            System.out.printf("TRIM %s %d frames each end: max abs %.3g%n", variant, trim, diff);
            assertThat(diff).isLessThanOrEqualTo(SAME_TOLERANCE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> synth.inferTrimmed(in[0], in[1], in[2],
                    fx.sid(), true, (int) fx.outputFrames() / 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void every_standard_config_gets_a_radius_of_a_few_frames() {
        for (int sr : new int[] {32000, 40000, 48000}) {
            for (String v : new String[] {"v1", "v2"}) {
                assertThat(DjlHifiGan.receptiveRadius(SynthesizerConfig.standard(v, sr, true)))
                        .as(v + " " + sr).isBetween(10, 20);
            }
        }
    }
}
