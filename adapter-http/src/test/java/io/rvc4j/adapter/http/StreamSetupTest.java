package io.rvc4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.StreamSettings;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSetupTest {
    private static StreamSetup parse(Map<String, String> fields) {
        return StreamSetup.parse(fields::get);
    }

    @Test
    void defaults_are_16_khz_mono_s16le_with_500_ms_blocks() {
        StreamSetup s = parse(Map.of());
        assertThat(s.format()).isEqualTo(PcmFormat.S16LE);
        assertThat(s.channels()).isEqualTo(1);
        assertThat(s.settings()).isEqualTo(StreamSettings.defaults(16_000));
        assertThat(s.settings().blockFrames()).isEqualTo(8000);
    }

    @Test
    void converts_milliseconds_to_frames_at_the_stream_rate() {
        StreamSettings s = parse(Map.of("sample_rate", "48000", "block_ms", "250", "context_ms", "500",
                "crossfade_ms", "40", "search_ms", "10", "silence_threshold_db", "-50")).settings();
        assertThat(s).isEqualTo(new StreamSettings(48_000, 12_000, 24_000, 1920, 480, -50));
        assertThat(parse(Map.of("block_size", "4096")).settings().blockFrames()).isEqualTo(4096);
    }

    @Test
    void rejects_settings_outside_their_ranges_naming_them() {
        assertThatThrownBy(() -> parse(Map.of("block_ms", "5"))).hasMessageStartingWith("block_ms: must be between 20");
        assertThatThrownBy(() -> parse(Map.of("block_ms", "100", "crossfade_ms", "150")))
                .hasMessageStartingWith("crossfade_ms: must be between 0.0 and 100.0 ms");
        assertThatThrownBy(() -> parse(Map.of("channels", "9"))).hasMessageStartingWith("channels:");
        assertThatThrownBy(() -> parse(Map.of("sample_rate", "4000"))).hasMessageStartingWith("sample_rate:");
        assertThatThrownBy(() -> parse(Map.of("format", "u8"))).hasMessageStartingWith("format: must be s16le or f32le");
    }

    @Test
    void pcm_round_trips_and_mixes_channels_down() {
        float[] mono = {0f, 0.5f, -0.25f, 0.999f};
        float[] back = PcmFormat.S16LE.decodeMono(ByteBuffer.wrap(PcmFormat.S16LE.encode(mono, 2)), 2);
        for (int i = 0; i < mono.length; i++) {
            // one 16-bit step of quantisation
            assertThat(back[i]).isCloseTo(mono[i], org.assertj.core.api.Assertions.within(1f / 32768));
        }
        assertThat(PcmFormat.F32LE.decodeMono(ByteBuffer.wrap(PcmFormat.F32LE.encode(mono, 1)), 1)).containsExactly(mono);
        assertThatThrownBy(() -> PcmFormat.F32LE.decodeMono(ByteBuffer.wrap(new byte[6]), 1))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("whole frames of 4 bytes");
    }
}
