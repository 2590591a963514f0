package io.rvc4j.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SynthesizerConfigTest {

    /** The list RVC's savee writes for v2-48k, with ints as the torch reader returns them (Long). */
    private static List<Object> v2x48k() {
        List<Object> c = new ArrayList<>(List.of(1025L, 32L, 192L, 192L, 768L, 2L, 6L, 3L, 0L, "1",
                List.of(3L, 7L, 11L), List.of(List.of(1L, 3L, 5L), List.of(1L, 3L, 5L), List.of(1L, 3L, 5L)),
                List.of(12L, 10L, 2L, 2L), 512L, List.of(24L, 20L, 4L, 4L), 109L, 256L, 48000L));
        return c;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"v1,32000", "v1,40000", "v1,48000", "v2,32000", "v2,40000", "v2,48000"})
    void standard_configs_give_sr_over_100_samples_per_frame(String version, int sr) {
        SynthesizerConfig c = SynthesizerConfig.standard(version, sr, true);
        assertThat(c.samplesPerFrame()).isEqualTo(sr / 100);
        assertThat(c.phoneChannels()).isEqualTo("v1".equals(version) ? 256 : 768);
    }

    @Test
    void reads_the_checkpoint_list_like_the_standard_table() {
        SynthesizerConfig read = SynthesizerConfig.fromCheckpoint(v2x48k(), "v2", true);
        assertThat(read).isEqualTo(SynthesizerConfig.standard("v2", 48000, true));
    }

    @Test
    void defaults_a_missing_version_to_v1_and_a_missing_f0_to_pitch_guided_as_rvc_does() {
        List<Object> c = v2x48k();
        c.set(12, List.of(10L, 6L, 2L, 2L, 2L));
        c.set(14, List.of(16L, 16L, 4L, 4L, 4L));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", c);
        root.put("sr", "48k");
        SynthesizerConfig read = SynthesizerConfig.fromCheckpoint(root, "old.pth");
        assertThat(read.version()).isEqualTo("v1");
        assertThat(read.f0()).isTrue();
        root.put("f0", Boolean.FALSE); // Applio writes a bool
        assertThat(SynthesizerConfig.fromCheckpoint(root, "old.pth").f0()).isFalse();
        root.put("f0", 0L);
        assertThat(SynthesizerConfig.fromCheckpoint(root, "old.pth").f0()).isFalse();
    }

    @Test
    void accepts_sr_written_as_a_string() {
        List<Object> c = v2x48k();
        c.set(17, "48k");
        assertThat(SynthesizerConfig.fromCheckpoint(c, "v2", true).sampleRate()).isEqualTo(48000);
    }

    @Test
    void rejects_a_short_config_list_a_training_checkpoint_and_odd_upsample_layers() {
        assertThatThrownBy(() -> SynthesizerConfig.fromCheckpoint(v2x48k().subList(0, 17), "v2", true))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("18");
        assertThatThrownBy(() -> SynthesizerConfig.fromCheckpoint(Map.of("model", Map.of()), "G_100.pth"))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("G_100.pth")
                .hasMessageContaining("config");
        List<Object> c = v2x48k();
        c.set(14, List.of(23L, 20L, 4L, 4L));
        assertThatThrownBy(() -> SynthesizerConfig.fromCheckpoint(c, "v2", true))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("upsample layer 0");
        assertThatThrownBy(() -> SynthesizerConfig.fromCheckpoint(v2x48k(), "v3", true))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("v3");
    }
}
