package io.rvc4j.dsp.pitchshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.dsp.DspFigures;
import io.rvc4j.dsp.resample.SincResampler;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AICoverGen shifts the instrumental with SoX's {@code pitch} (WSOLA {@code tempo} + {@code rate}). For up-shifts
 * our shifter works the same way (stretch first, then resample), so its splice noise on the two-tone signal must be
 * SoX's: the Debian sox CLI is run on the same signal and the TD+N compared. (Down-shifts differ on purpose: we
 * change the rate first so that onsets move less; docs/dsp.md has both columns.)
 */
class WsolaVersusSoxIT {
    private static final int RATE = 44100;
    private final WsolaPitchShifter shifter = new WsolaPitchShifter(new SincResampler());

    static IntStream upShifts() {
        return IntStream.rangeClosed(1, 12);
    }

    /** Measured differences +1..+12: at most 0.9 dB (at +7); bound 1.5 dB. */
    @ParameterizedTest
    @MethodSource("upShifts")
    void up_shifts_have_the_two_tone_splice_noise_of_sox_pitch(int semitones) {
        AudioClip twoTone = DspFigures.twoTone(RATE);
        double r = Math.pow(2, semitones / 12.0);
        double ours = DspFigures.twoToneThdN(shifter.shift(twoTone, semitones).channel(0), RATE, r);
        double sox = DspFigures.twoToneThdN(DspFigures.soxPitch(twoTone, semitones), RATE, r);
        assertThat(ours).isCloseTo(sox, within(1.5));
    }
}
