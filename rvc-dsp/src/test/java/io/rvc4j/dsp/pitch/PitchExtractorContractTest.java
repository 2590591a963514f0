package io.rvc4j.dsp.pitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every non-neural extractor promises through the port: p_len frames at 100 fps, clear errors on bad input. */
class PitchExtractorContractTest {
    static Stream<Arguments> extractors() {
        return Stream.of(
                Arguments.of(new HarvestPitchExtractor(), request(PitchAlgorithm.HARVEST, 3)),
                Arguments.of(new PmPitchExtractor(), request(PitchAlgorithm.PM, 3)));
    }

    static PitchRequest request(PitchAlgorithm a, int filterRadius) {
        return new PitchRequest(PitchMethod.single(a), filterRadius, 160);
    }

    @ParameterizedTest
    @MethodSource("extractors")
    void returns_p_len_frames_for_any_length(PitchExtractor extractor, PitchRequest request) {
        for (int length : new int[] {16000, 16159, 16160, 32000 + 77}) {
            float[] x = Signals.tone(t -> 200, length / 16000.0, 0.5, 8, true).samples();
            x = java.util.Arrays.copyOf(x, length);
            PitchTrack track = extractor.extract(x, request);
            assertThat(track.frameCount()).as("frames for %d samples", length).isEqualTo(length / 160);
            assertThat(track.frameRate()).isEqualTo(100.0);
        }
    }

    @ParameterizedTest
    @MethodSource("extractors")
    void returns_zeros_for_silence(PitchExtractor extractor, PitchRequest request) {
        assertThat(extractor.extract(new float[16000], request).f0Hz()).containsOnly(0f);
    }

    @ParameterizedTest
    @MethodSource("extractors")
    void rejects_empty_short_and_non_finite_audio(PitchExtractor extractor, PitchRequest request) {
        assertThatThrownBy(() -> extractor.extract(new float[0], request))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("no audio");
        assertThatThrownBy(() -> extractor.extract(new float[100], request))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("shorter");
        float[] nan = new float[16000];
        nan[1234] = Float.NaN;
        assertThatThrownBy(() -> extractor.extract(nan, request))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("sample 1234");
        float[] inf = new float[16000];
        inf[7] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> extractor.extract(inf, request)).isInstanceOf(InvalidAudioException.class);
    }

    @ParameterizedTest
    @MethodSource("extractors")
    void rejects_a_negative_filter_radius(PitchExtractor extractor, PitchRequest request) {
        PitchRequest bad = new PitchRequest(request.method(), -1, 160);
        assertThatThrownBy(() -> extractor.extract(new float[16000], bad))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("filter_radius");
    }

    @Test
    void pm_rejects_audio_shorter_than_its_window() {
        assertThatThrownBy(() -> new PmPitchExtractor().extract(new float[900], request(PitchAlgorithm.PM, 3)))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("960 samples");
    }

    @Test
    void pm_centres_praat_frames_in_p_len_like_rvc() {
        // 2 s: Praat fits floor((2 - 0.06) / 0.01) + 1 = 195 frames; p_len 200 -> (200 - 195 + 1) // 2 = 3 on the left
        float[] padded = PmPitchExtractor.padLikeRvc(new double[] {1, 2, 3}, 8);
        assertThat(padded).containsExactly(0, 0, 0, 1, 2, 3, 0, 0);
        assertThat(new PraatPitch(PraatPitch.Settings.rvc()).frameCount(32000, 16000)).isEqualTo(195);
    }
}
