package io.rvc4j.dsp.pitchshift;

import static io.rvc4j.dsp.TestSignals.dominantFrequency;
import static io.rvc4j.dsp.TestSignals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.dsp.DspFigures;
import io.rvc4j.dsp.resample.SincResampler;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WsolaPitchShifterTest {
    private static final int RATE = 44100;
    private final WsolaPitchShifter shifter = new WsolaPitchShifter(new SincResampler());

    /**
     * A 2 s 330 Hz tone shifted by -12..+12 semitones: the output keeps the frame count exactly and its frequency
     * lands within 1 cent of 330 x 2^(s/12). WSOLA copies segments unchanged and the rate change is exact to 0.03
     * cents, so 1 cent leaves room only for the frequency estimate.
     *
     * <p>Splice artefacts on the same tone (its period, 133.6 samples, is not a whole number, so every splice leaves
     * a small phase error): THD+N and the strongest spurious component, Blackman-Harris spectrum of 1.49 s
     * ({@link DspFigures#toneThdN}; the analyser's own floor on the unshifted tone is -99.8 dB / -106.4 dBc).
     * Measured worst over -12..+12: -50.9 dB and -54.7 dBc (at -3; SoX's pitch measures -55.3 dB / -60.4 dBc at
     * its worst, +5). Bounds: about 3 dB above the measured worst.
     */
    @ParameterizedTest
    @MethodSource("everyShift")
    void shifts_a_tone_within_one_cent_with_splice_distortion_below_minus_48_db_and_keeps_the_length(int semitones) {
        AudioClip in = AudioClip.mono(RATE, sine(330, 0.5, RATE, 2 * RATE));
        AudioClip out = shifter.shift(in, semitones);
        assertThat(out.frameCount()).isEqualTo(in.frameCount());
        double target = 330 * Math.pow(2, semitones / 12.0);
        double f = dominantFrequency(out.channel(0), RATE / 2, RATE + RATE / 2, RATE);
        double cents = 1200 * Math.log(f / target) / Math.log(2);
        assertThat(cents).isCloseTo(0, within(1.0));
        assertThat(DspFigures.toneThdN(out.channel(0), RATE, target)).isLessThan(-48);
        assertThat(DspFigures.toneSpur(out.channel(0), RATE, target)).isLessThan(-52);
    }

    /** -12..+12 semitones without 0 (the identity, tested below). */
    static IntStream everyShift() {
        return IntStream.rangeClosed(-12, 12).filter(s -> s != 0);
    }

    /**
     * A tone burst starting at 1 s keeps its onset time. WSOLA can move an onset by about a search window (14.7 ms)
     * plus an overlap (12 ms, where it is faded in); it always runs on the longer of the two signals, so the rate
     * change never magnifies that. The bound allows 1.5 times it (measured worst: +27.4 ms at -12, docs/dsp.md).
     */
    @ParameterizedTest
    @MethodSource("everyShift")
    void keeps_an_onset_in_place(int semitones) {
        float[] x = new float[3 * RATE];
        float[] tone = sine(500, 0.5, RATE, RATE);
        System.arraycopy(tone, 0, x, RATE, RATE);
        float[] y = shifter.shift(AudioClip.mono(RATE, x), semitones).channel(0);
        int onset = 0;
        while (onset < y.length && Math.abs(y[onset]) < 0.05) {
            onset++;
        }
        double bound = 1.5 * (WsolaStretcher.SEARCH_SECONDS + WsolaStretcher.OVERLAP_SECONDS);
        assertThat((onset - RATE) / (double) RATE).isCloseTo(0, within(bound));
    }

    /**
     * Two tones (440 + 554.37 Hz): one splice for the whole mixture cannot suit both periods, so WSOLA's error is
     * much larger than on one tone, as in SoX's pitch (docs/dsp.md). Measured worst over -12..+12: TD+N -17.8 dB
     * (+9; SoX -17.6 dB there) and IMD3 -42.7 dBc (-12). Bounds 3 dB above. (Against SoX itself: WsolaVersusSoxIT.)
     */
    @ParameterizedTest
    @MethodSource("everyShift")
    void keeps_two_tone_intermodulation_and_splice_noise_bounded(int semitones) {
        float[] y = shifter.shift(DspFigures.twoTone(RATE), semitones).channel(0);
        double r = Math.pow(2, semitones / 12.0);
        assertThat(DspFigures.twoToneThdN(y, RATE, r)).isLessThan(-14.8);
        assertThat(DspFigures.imd3(y, RATE, r)).isLessThan(-39.7);
    }

    @Test
    void keeps_stereo_channels_aligned() {
        AudioClip in = AudioClip.of(RATE, sine(300, 0.5, RATE, RATE), sine(300, 0.5, RATE, RATE));
        AudioClip out = shifter.shift(in, 4);
        assertThat(io.rvc4j.dsp.TestSignals.maxAbsDiff(out.channel(0), out.channel(1))).isZero();
    }

    @Test
    void rate_ratios_are_within_three_hundredths_of_a_cent_for_every_shift() {
        for (int s = -24; s <= 24; s++) {
            double target = Math.pow(2, -s / 12.0);
            int[] q = WsolaPitchShifter.approximate(target, WsolaPitchShifter.MAX_DENOMINATOR);
            assertThat(q[1]).isBetween(1, WsolaPitchShifter.MAX_DENOMINATOR);
            double cents = 1200 * Math.log((double) q[0] / q[1] / target) / Math.log(2);
            // The best fractions with denominators up to 1000: worst 0.026 cents (+-21 semitones, 11/37 and 37/11).
            assertThat(Math.abs(cents)).as("shift %d: %d/%d", s, q[0], q[1]).isLessThan(0.03);
        }
    }

    @Test
    void zero_semitones_is_the_identity() {
        AudioClip in = AudioClip.mono(RATE, sine(300, 0.5, RATE, 1000));
        assertThat(shifter.shift(in, 0)).isSameAs(in);
    }

    @Test
    void rejects_shifts_beyond_two_octaves() {
        AudioClip in = AudioClip.mono(RATE, new float[100]);
        assertThatThrownBy(() -> shifter.shift(in, 25)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("got 25");
    }
}
