package io.rvc4j.dsp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.error.InvalidAudioException;
import org.junit.jupiter.api.Test;

/** The pre-decode size checks (the real files are in FfmpegAudioCodecIT). */
class DecodeBudgetTest {
    private static final long GB = 1_000_000_000L;
    private final CodecOptions defaults = CodecOptions.defaults();

    @Test
    void two_hours_at_16k_mono_fit_the_default_cap_and_a_two_gigabyte_heap() {
        // 115.2 million samples: 461 MB of result, 922 MB at the peak.
        assertThat(DecodeBudget.peakBytes(7200.0 * 16000, 1)).isCloseTo(0.9216e9, within(1e6));
        assertThatCode(() -> DecodeBudget.check(7200, 16000, 1, defaults, 2 * GB, "mp3")).doesNotThrowAnyException();
    }

    @Test
    void two_hours_at_44k_stereo_exceed_the_default_cap() {
        assertThatThrownBy(() -> DecodeBudget.check(7200, 44100, 2, defaults, 64 * GB, "mp3"))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage("the mp3 audio is 7200.0 s long: decoded at 44100 Hz with 2 channels it would take "
                        + "635040000 samples (2.54 GB as float), more than the cap of 268435456 samples (1.07 GB); "
                        + "decode it at a lower rate or with fewer channels, or raise CodecOptions.maxSamples");
    }

    @Test
    void a_size_under_the_cap_is_refused_when_the_heap_cannot_hold_it() {
        assertThatThrownBy(() -> DecodeBudget.check(7200, 16000, 1, defaults, 700_000_000L, "mp3"))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessageContaining("needs about 0.92 GB of heap, more than this JVM's maximum of 0.70 GB (-Xmx)");
    }

    @Test
    void an_undeclared_duration_is_left_to_the_decoded_count() {
        assertThatCode(() -> DecodeBudget.check(-1, 48000, 2, defaults, 1, "wav")).doesNotThrowAnyException();
    }
}
