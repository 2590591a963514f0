package io.rvc4j.dsp.effects;

import static io.rvc4j.dsp.TestSignals.db;
import static io.rvc4j.dsp.TestSignals.maxAbsDiff;
import static io.rvc4j.dsp.TestSignals.readF32;
import static io.rvc4j.dsp.TestSignals.rms;
import static io.rvc4j.dsp.TestSignals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ReverbParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The vocal chain against (a) the coefficient and delay tables of aicovergen-pipeline.md section 6, computed there
 * independently in float64, and (b) responses of REAL JUCE 6.1.4 (commit ddaa091, the one pedalboard v0.7.7 pins):
 * juce::dsp IIR first-order high-pass, Compressor and Reverb driven as pedalboard wraps them and as AICoverGen calls
 * the board (tools/reference/juce/pedalboard_effects_driver.cpp; versions in effects/meta.json).
 */
class VocalEffectsTest {

    @ParameterizedTest
    @CsvSource({"32000,0.995115200,-0.990230401", "40000,0.996088350,-0.992176700",
            "44100,0.996450731,-0.992901461", "48000,0.996738170,-0.993476341"})
    void highpass_coefficients_match_the_table(int rate, double b0, double a1) {
        float[] c = new FirstOrderHighpass(rate, 50f).coefficients();
        // The table is float64, JUCE computes in float32: agreement to a few float ulps (1e-6).
        assertThat((double) c[0]).isCloseTo(b0, within(1e-6));
        assertThat((double) c[1]).isCloseTo(-b0, within(1e-6));
        assertThat((double) c[2]).isCloseTo(a1, within(1e-6));
    }

    @ParameterizedTest
    @CsvSource({"32000,0.821724958,0.998038431", "40000,0.854635999,0.998430437",
            "44100,0.867208491,0.998576256", "48000,0.877305769,0.998691859"})
    void compressor_ballistics_match_the_table(int rate, double attack, double release) {
        float[] c = JuceCompressor.aiCoverGen(rate).ballistics();
        assertThat((double) c[0]).isCloseTo(attack, within(1e-7));
        assertThat((double) c[1]).isCloseTo(release, within(1e-7));
    }

    @ParameterizedTest
    @CsvSource({"32000,809,1190", "40000,1012,1487", "44100,1116,1640", "48000,1214,1785"})
    void reverb_delays_match_the_table(int rate, int firstLeft, int lastRight) {
        Freeverb r = new Freeverb(rate, ReverbParams.defaults(), true);
        assertThat(r.combDelays(0)[0]).isEqualTo(firstLeft);
        assertThat(r.combDelays(1)[7]).isEqualTo(lastRight);
    }

    @ParameterizedTest
    @ValueSource(ints = {40000, 48000})
    void highpass_step_response_matches_the_reference(int rate) {
        float[] ref = readF32("/effects/hpf_step_" + rate + ".f32");
        float[] x = new float[ref.length];
        java.util.Arrays.fill(x, 1f);
        new FirstOrderHighpass(rate, 50f).process(x);
        // Same float32 recurrence and coefficients as JUCE: measured 0 (bit-exact); 1e-7 allows one ulp of tan().
        assertThat(maxAbsDiff(x, ref)).isLessThan(1e-7);
        // And the analytic first-order step response: y[n] = b0 * (-a1)^n.
        double b0 = 1 / (1 + Math.tan(Math.PI * 50 / rate));
        double p = (1 - Math.tan(Math.PI * 50 / rate)) / (1 + Math.tan(Math.PI * 50 / rate));
        assertThat((double) x[1000]).isCloseTo(b0 * Math.pow(p, 1000), within(1e-5));
    }

    @Test
    void highpass_is_three_db_down_at_fifty_hertz() {
        int rate = 40000;
        float[] x = sine(50, 0.5, rate, rate * 2);
        new FirstOrderHighpass(rate, 50f).process(x);
        assertThat(db(rms(x, rate, 2 * rate) / (0.5 / Math.sqrt(2)))).isCloseTo(-3.01, within(0.05));
    }

    @ParameterizedTest
    @ValueSource(ints = {40000, 48000})
    void compressor_matches_the_reference_on_a_loud_then_quiet_tone(int rate) {
        float[] in = readF32("/effects/comp_in_" + rate + ".f32");
        float[] ref = readF32("/effects/comp_out_" + rate + ".f32");
        float[] x = in.clone();
        JuceCompressor.aiCoverGen(rate).process(x);
        // Java's pow (float64, rounded) and glibc's powf may differ by an ulp: measured 0 / 1.5e-8 (40 / 48 kHz); 1e-7 absolute.
        assertThat(maxAbsDiff(x, ref)).isLessThan(1e-7);
    }

    @Test
    void compressor_reduces_a_steady_level_six_db_over_threshold_by_four_and_a_half_db() {
        int rate = 48000;
        // A DC level 6 dB over -15 dBFS: the peak detector settles exactly on it.
        float level = (float) Math.pow(10, -9.0 / 20);
        float[] x = new float[rate / 2];
        java.util.Arrays.fill(x, level);
        JuceCompressor.aiCoverGen(rate).process(x);
        assertThat(db(x[x.length - 1] / level)).isCloseTo(-4.5, within(0.01));
    }

    @ParameterizedTest
    @ValueSource(ints = {40000, 48000})
    void reverb_impulse_response_matches_the_reference(int rate) {
        float[] ref = readF32("/effects/reverb_impulse_" + rate + ".f32");
        float[] x = new float[ref.length];
        x[0] = 1f;
        new Freeverb(rate, ReverbParams.defaults(), true).processMono(x);
        // Identical float32 operations in the same order as JUCE's juce::Reverb::processMono: measured 0.
        assertThat(maxAbsDiff(x, ref)).isLessThan(1e-7);
        // Dry path: dry 0.8 x 2 = 1.6 at t = 0; the first comb echo arrives after the shortest comb + all-passes.
        assertThat((double) x[0]).isCloseTo(1.6, within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(ints = {40000, 48000})
    void chain_matches_the_reference_on_noise_bursts(int rate) {
        float[] in = readF32("/effects/chain_in_" + rate + ".f32");
        float[] ref = readF32("/effects/chain_out_" + rate + ".f32");
        AudioClip out = new VocalChain(true).apply(AudioClip.mono(rate, in), new ReverbParams(0.5, 0.33, 0.4, 0.5));
        // Ulp differences of pow() in the compressor pass through the reverb's feedback: measured 7.5e-9 / 1.5e-8
        // on ~0.6 peaks; 1e-7 absolute.
        assertThat(maxAbsDiff(out.channel(0), ref)).isLessThan(1e-7);
    }

    /** 1.25 s at 40 kHz: across pedalboard's 8192-sample blocks and AICoverGen's 1 s chunks (state carried). */
    @Test
    void chain_matches_juce_across_blocks_and_one_second_chunks() {
        float[] in = readF32("/effects/chain_long_in_40000.f32");
        float[] ref = readF32("/effects/chain_long_out_40000.f32");
        AudioClip out = new VocalChain(true).apply(AudioClip.mono(40000, in), new ReverbParams(0.5, 0.33, 0.4, 0.5));
        // As above (measured 7.5e-9); the tail keeps ringing after the bursts, so errors would show if state broke.
        assertThat(maxAbsDiff(out.channel(0), ref)).isLessThan(1e-7);
    }

    /** Stereo goes through juce::Reverb::processStereo (cross-fed wet gains, right bank offset by 23 samples). */
    @Test
    void stereo_chain_matches_juce_with_aicovergen_default_reverb() {
        float[] in = readF32("/effects/chain_stereo_in_44100.f32");
        float[] ref = readF32("/effects/chain_stereo_out_44100.f32");
        int n = in.length / 2;
        float[][] ch = new float[2][n];
        float[][] expected = new float[2][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                ch[c][i] = in[2 * i + c];
                expected[c][i] = ref[2 * i + c];
            }
        }
        AudioClip out = new VocalChain(true).apply(AudioClip.of(44100, ch[0], ch[1]), ReverbParams.defaults());
        for (int c = 0; c < 2; c++) {
            // measured 3.0e-8 on both channels; 1e-7 absolute
            assertThat(maxAbsDiff(out.channel(c), expected[c])).as("channel %d", c).isLessThan(1e-7);
        }
    }

    @Test
    void chain_keeps_length_rate_and_channels() {
        AudioClip stereo = AudioClip.of(44100, sine(440, 0.5, 44100, 1000), sine(220, 0.5, 44100, 1000));
        AudioClip out = new VocalChain().apply(stereo, ReverbParams.defaults());
        assertThat(out.frameCount()).isEqualTo(1000);
        assertThat(out.channelCount()).isEqualTo(2);
        assertThat(out.sampleRate()).isEqualTo(44100);
    }
}
