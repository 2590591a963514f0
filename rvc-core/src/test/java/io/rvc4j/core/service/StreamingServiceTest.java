package io.rvc4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.StreamSettings;
import io.rvc4j.core.port.in.OpenStreamCommand;
import io.rvc4j.core.port.in.VoiceStream;
import org.junit.jupiter.api.Test;

class StreamingServiceTest {
    private final Fakes fakes = new Fakes();
    private final StreamingService service = new StreamingService(fakes.registry, fakes.codec, fakes.resampler,
            fakes.pitch, fakes.converter, fakes.stitcher);
    private final StreamSettings settings = new StreamSettings(16_000, 1_600, 3_200, 320, 160, -60);

    private VoiceStream open() {
        return service.open(new OpenStreamCommand(ModelRef.named("alice"), ConversionParams.defaults(), settings));
    }

    private static float[] tone(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
        }
        return x;
    }

    @Test
    void loads_the_model_when_the_stream_opens() {
        open();
        assertThat(fakes.calls).containsExactly("registry.resolve alice", "converter.profile alice",
                "stitcher.open 320/160");
    }

    @Test
    void returns_whole_blocks_whatever_the_chunk_sizes() {
        VoiceStream stream = open();
        assertThat(stream.push(tone(1_000))).isEmpty();
        assertThat(stream.push(tone(1_000))).hasSize(1_600);
        assertThat(stream.push(tone(2_500))).hasSize(1_600);
        assertThat(stream.flush()).hasSize(2 * 1_000 + 2_500 - 2 * 1_600);
        assertThat(stream.latencyFrames()).isEqualTo(480);
    }

    @Test
    void converts_the_block_with_its_left_context_and_splices_the_tail() {
        VoiceStream stream = open();
        stream.push(tone(1_600));
        // Window = context + crossfade + search + block, plus the 40 ms tail pad, at 16 kHz.
        assertThat(fakes.converter.preparedInputs.get(0)).hasSize(3_200 + 320 + 160 + 1_600 + 640);
        assertThat(fakes.stitcher.tails.get(0)).hasSize(1_600 + 320 + 160);
        // The fake converter outputs 0.25 at 40 kHz, resampled back to the stream rate.
        assertThat(fakes.calls).contains("resample 40000->16000");
        assertThat(fakes.stitcher.tails.get(0)[0]).isEqualTo(0.25f);
    }

    @Test
    void a_silent_block_skips_the_model_and_splices_silence() {
        VoiceStream stream = open();
        float[] out = stream.push(new float[1_600]);
        assertThat(fakes.calls).noneMatch(c -> c.startsWith("converter.convert"));
        assertThat(out).containsOnly(0f);
        assertThat(fakes.stitcher.tails).hasSize(1);
    }

    @Test
    void a_closed_stream_refuses_more_audio() {
        VoiceStream stream = open();
        stream.close();
        stream.close();
        assertThatThrownBy(() -> stream.push(tone(10))).isInstanceOf(IllegalStateException.class);
    }
}
