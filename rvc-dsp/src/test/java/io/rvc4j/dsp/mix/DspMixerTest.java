package io.rvc4j.dsp.mix;

import static io.rvc4j.dsp.TestSignals.db;
import static io.rvc4j.dsp.TestSignals.sine;
import static io.rvc4j.dsp.TestSignals.toneAmplitude;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.Stem;
import io.rvc4j.dsp.resample.SincResampler;
import java.util.List;
import org.junit.jupiter.api.Test;

class DspMixerTest {
    private final DspMixer mixer = new DspMixer(new SincResampler());

    @Test
    void converts_rates_and_channels_applies_gains_and_takes_the_longest_length() {
        AudioClip vocal = AudioClip.mono(40000, sine(500, 0.5, 40000, 40000)); // 1 s mono at a model rate
        AudioClip inst = AudioClip.of(44100, sine(200, 0.5, 44100, 88200), sine(300, 0.5, 44100, 88200)); // 2 s
        AudioClip mix = mixer.mix(List.of(new Stem(Stem.Role.MAIN_VOCALS, vocal, -4),
                new Stem(Stem.Role.INSTRUMENTAL, inst, -7)), 44100, PeakPolicy.LIMIT);
        assertThat(mix.sampleRate()).isEqualTo(44100);
        assertThat(mix.channelCount()).isEqualTo(2);
        assertThat(mix.frameCount()).isEqualTo(88200);
        float[] left = mix.channel(0);
        float[] right = mix.channel(1);
        // Each tone at its stem gain, read by least squares on the first second (resampler ripple < 0.001 dB).
        assertThat(db(toneAmplitude(left, 4410, 39690, 500, 44100) / 0.5)).isCloseTo(-4, within(0.01));
        assertThat(db(toneAmplitude(right, 4410, 39690, 500, 44100) / 0.5)).isCloseTo(-4, within(0.01));
        assertThat(db(toneAmplitude(left, 4410, 39690, 200, 44100) / 0.5)).isCloseTo(-7, within(0.01));
        assertThat(db(toneAmplitude(right, 48510, 83790, 300, 44100) / 0.5)).isCloseTo(-7, within(0.01));
        // The second half holds the instrumental only.
        assertThat(toneAmplitude(left, 48510, 83790, 500, 44100)).isLessThan(1e-4);
    }

    @Test
    void clip_policy_clips_hard_at_16_bit_full_scale() {
        AudioClip loud = AudioClip.mono(44100, sine(100, 0.9, 44100, 4410));
        AudioClip mix = mixer.mix(List.of(new Stem(Stem.Role.MAIN_VOCALS, loud, 0),
                new Stem(Stem.Role.INSTRUMENTAL, loud, 0)), 44100, PeakPolicy.CLIP);
        float[] x = mix.channel(0);
        float max = 0;
        float min = 0;
        for (float v : x) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertThat(max).isEqualTo(32767f / 32768f);
        assertThat(min).isEqualTo(-1f);
    }

    @Test
    void limit_policy_keeps_peaks_under_minus_0_1_dbfs_and_leaves_quiet_parts_alone() {
        int rate = 44100;
        float[] x = sine(200, 0.3, rate, rate);
        for (int i = rate / 2; i < rate / 2 + 441; i++) {
            x[i] *= 5; // a 10 ms burst to 1.5 (+3.5 dBFS)
        }
        AudioClip mix = mixer.mix(List.of(new Stem(Stem.Role.INSTRUMENTAL, AudioClip.mono(rate, x), 0)), rate,
                PeakPolicy.LIMIT);
        float[] y = mix.channel(0);
        assertThat(mix.peak()).isLessThanOrEqualTo((float) Math.pow(10, -0.1 / 20));
        // 200 ms before the burst (far beyond the 5 ms look-ahead): untouched.
        for (int i = 0; i < rate / 2 - 8820; i++) {
            assertThat(y[i]).isEqualTo(x[i]);
        }
        // Recovery: the window 0.39..0.49 s after the burst is 4.9+ release time constants (80 ms) out; the gain
        // reduction of 1 - 0.9886 / 1.5 = 0.34 has decayed to at most 0.34 e^-4.9 = 0.0025, i.e. 0.022 dB.
        assertThat(db(toneAmplitude(y, rate - 4410, rate, 200, rate) / 0.3)).isCloseTo(0, within(0.025));
    }

    @Test
    void rejects_an_empty_stem_list() {
        assertThatThrownBy(() -> mixer.mix(List.of(), 44100, PeakPolicy.LIMIT)).isInstanceOf(InvalidAudioException.class);
    }
}
