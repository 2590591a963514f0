package io.rvc4j.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.F0Curve;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.engine.Fixtures;
import io.rvc4j.engine.hubert.ContentEncoderConfig;
import io.rvc4j.engine.hubert.DjlContentEncoder;
import io.rvc4j.engine.io.TorchCheckpoint;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The VoiceConverter port: wiring, the model cache, concurrency and memory. */
class DjlVoiceConverterTest {
    private static DjlVoiceConverter converter;
    private static final VoiceModelInfo V2 = new VoiceModelInfo("tiny-v2",
            Fixtures.path("pipeline/tiny_v2_40k.pth"), Optional.of(Fixtures.path("pipeline/tiny_v2.index")), 0);
    private static final VoiceModelInfo V2_NO_INDEX = new VoiceModelInfo("tiny-v2-plain",
            Fixtures.path("pipeline/tiny_v2_40k.pth"), Optional.empty(), 0);

    @BeforeAll
    static void open() {
        converter = new DjlVoiceConverter(Device.cpu(), new DeviceInfo("cpu", false),
                m -> DjlContentEncoder.load(TorchCheckpoint.readStateDict(
                        Fixtures.path("hubert/wide768_fairseq_fp16.pt"), "model"),
                        new ContentEncoderConfig(12, ContentEncoderConfig.BASE_STRIDES, 1e-5), m),
                RetrievalIndex::read, (y, from, to) -> {
                    throw new AssertionError("no resampling expected");
                }, 1);
    }

    @AfterAll
    static void close() {
        converter.close();
        converter.close();  // idempotent
    }

    @Test
    void reports_the_profile_from_the_checkpoint() {
        assertThat(converter.profile(V2)).isEqualTo(new VoiceProfile(40_000, true, "v2", 2));
        assertThat(converter.device().name()).isEqualTo("cpu");
    }

    @Test
    void converts_through_the_port_like_the_reference() {
        // the v2_3s_noindex case of PipelineParityTest, through prepare + convert
        PreparedAudio audio = converter.prepare(Fixtures.signal(48_000, 1));
        PitchTrack f0 = PitchTrack.of(Fixtures.npy("pipeline/v2_3s_noindex/f0_track.npy").toFloatArray(), 100);
        ConversionParams params = ConversionParams.builder().pitch(3).indexRate(0).rmsMixRate(1).protect(0.33)
                .f0Curve(F0Curve.parse("0.5,220\n1.0,330\n1.5,0\n2.0,247.5\n")).deterministic(true).build();
        AudioClip clip = converter.convert(V2, audio, f0, params);
        assertThat(clip.sampleRate()).isEqualTo(40_000);
        long[] ref = Fixtures.npy("pipeline/v2_3s_noindex/output_int16.npy").toLongArray();
        float[] out = clip.channel(0);
        assertThat(out).hasSize(ref.length);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < ref.length; i++) {
            signal += (double) ref[i] * ref[i];
            double d = ref[i] - out[i] * 32768.0;
            noise += d * d;
        }
        // the brief's waveform bound
        assertThat(10 * Math.log10(signal / noise)).isGreaterThanOrEqualTo(60);
    }

    @Test
    void keeps_native_memory_flat_and_serves_concurrent_requests_alike() throws Exception {
        PreparedAudio audio = converter.prepare(Fixtures.signal(16_000, 5));
        float[] track = new float[(16_000 + 32_000) / 160 + 1];
        java.util.Arrays.fill(track, 150f);
        PitchTrack f0 = PitchTrack.of(track, 100);
        ConversionParams params = ConversionParams.builder().indexRate(0.5).deterministic(true).build();
        float[] first = converter.convert(V2, audio, f0, params).channel(0);
        int baseline = converter.liveArrays();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<float[]> a = pool.submit(() -> converter.convert(V2, audio, f0, params).channel(0));
            Future<float[]> b = pool.submit(() -> converter.convert(V2, audio, f0, params).channel(0));
            assertThat(a.get()).containsExactly(first);
            assertThat(b.get()).containsExactly(first);
        } finally {
            pool.shutdown();
        }
        assertThat(converter.liveArrays()).isEqualTo(baseline);
    }

    @Test
    void opens_with_a_transformers_folder_on_the_requested_device() {
        // the tiny 32-wide encoder cannot feed the 768-d v2 model, so only the wiring is checked here
        try (DjlVoiceConverter c = DjlVoiceConverter.open(Fixtures.path("hubert/tiny_hf"), "cpu", (y, f, t) -> y, 1)) {
            assertThat(c.device().name()).isEqualTo("cpu");
            assertThat(c.profile(V2_NO_INDEX).sampleRate()).isEqualTo(40_000);
            PreparedAudio audio = c.prepare(new float[8000]);
            assertThatThrownBy(() -> c.convert(V2_NO_INDEX, audio, PitchTrack.of(new float[251], 100),
                    ConversionParams.defaults())).isInstanceOf(InvalidModelFileException.class)
                    .hasMessageContaining("32-d v2 features but the model expects 768");
        }
    }

    @Test
    void evicts_the_least_recently_used_model_beyond_the_cache_size() {
        converter.profile(V2);
        converter.profile(V2_NO_INDEX);
        assertThat(converter.loadedModels()).isEqualTo(1);
    }

    @Test
    void rejects_a_speaker_id_beyond_the_table() {
        PreparedAudio audio = converter.prepare(new float[8000]);
        ConversionParams params = ConversionParams.builder().speakerId(2).deterministic(true).build();
        assertThatThrownBy(() -> converter.convert(V2, audio, PitchTrack.of(new float[181], 100), params))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("between 0 and 1");
    }

    @Test
    void rejects_audio_too_short_for_any_output() {
        PreparedAudio audio = converter.prepare(new float[300]);
        ConversionParams params = ConversionParams.builder().deterministic(true).build();
        assertThatThrownBy(() -> converter.convert(V2_NO_INDEX, audio, PitchTrack.of(new float[203], 100), params))
                .isInstanceOf(io.rvc4j.core.error.InvalidAudioException.class).hasMessageContaining("too short");
    }

    @Test
    void resamples_to_the_requested_rate_before_the_int16_finish() {
        java.util.List<int[]> calls = new java.util.ArrayList<>();
        try (DjlVoiceConverter resampling = new DjlVoiceConverter(Device.cpu(), new DeviceInfo("cpu", false),
                m -> DjlContentEncoder.load(TorchCheckpoint.readStateDict(
                        Fixtures.path("hubert/wide768_fairseq_fp16.pt"), "model"),
                        new ContentEncoderConfig(12, ContentEncoderConfig.BASE_STRIDES, 1e-5), m),
                RetrievalIndex::read, (y, from, to) -> {
                    calls.add(new int[] {y.length, from, to});
                    float[] out = new float[(int) Math.round((double) y.length * to / from)];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = 20f * y[(int) ((long) i * from / to)];  // gain pushes the peak over 0.99
                    }
                    return out;
                }, 1)) {
            PreparedAudio audio = resampling.prepare(Fixtures.signal(8_000, 6));
            float[] track = new float[(8_000 + 32_000) / 160 + 1];
            java.util.Arrays.fill(track, 180f);
            ConversionParams params = ConversionParams.builder().outputSampleRate(16_000).rmsMixRate(1)
                    .deterministic(true).build();
            AudioClip clip = resampling.convert(V2_NO_INDEX, audio, PitchTrack.of(track, 100), params);
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0)[1]).isEqualTo(40_000);
            assertThat(calls.get(0)[2]).isEqualTo(16_000);
            assertThat(clip.sampleRate()).isEqualTo(16_000);
            assertThat(clip.frameCount()).isEqualTo(Math.round(calls.get(0)[0] * 0.4f));
            // the int16 finish ran after resampling: peak normalised to 0.99, samples on the 1/32768 grid
            assertThat(clip.peak()).isBetween(0.98f, 0.99f);
            for (float v : clip.channel(0)) {
                assertThat(v * 32768f).isEqualTo((float) Math.rint(v * 32768f));
            }
        }
    }

    @Test
    void rejects_a_file_that_is_not_an_rvc_model() {
        VoiceModelInfo notModel = new VoiceModelInfo("hubert", Fixtures.path("hubert/tiny_fairseq.pt"),
                Optional.empty(), 0);
        assertThatThrownBy(() -> converter.profile(notModel)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("not an RVC inference model");
    }
}
