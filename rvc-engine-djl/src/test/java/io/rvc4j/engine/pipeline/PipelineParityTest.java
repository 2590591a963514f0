package io.rvc4j.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.F0Curve;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.dsp.resample.ResampyResampler;
import io.rvc4j.engine.Fixtures;
import io.rvc4j.engine.hubert.ContentEncoderConfig;
import io.rvc4j.engine.hubert.DjlContentEncoder;
import io.rvc4j.engine.io.TensorData;
import io.rvc4j.engine.io.TorchCheckpoint;
import io.rvc4j.engine.pitch.DjlRmvpePitchExtractor;
import io.rvc4j.engine.retrieval.Neighbours;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against RVC 20240604's {@code Pipeline.pipeline} (is_half False, noise draws zeroed, f0 fed from a
 * fixed track; fixtures: tools/reference/make_pipeline_fixtures.py) on tiny random models: 3 s through a v2 model
 * (768-d HuBERT) and 50 s, split at a quiet point, through a v1 model; with and without index, RMS mix 0.25 and 1,
 * key shifts and an f0 file; and 3 s with an index through each variant of the synthesizer fixtures (v1 f0 40k,
 * v2 f0 48k, v2 no-f0 32k; {@code v2_3s_index} uses the pipeline's own tiny v2 f0 40k model). Case
 * {@code v2_3s_index_resample44k} adds RVC's output resampling (librosa 0.9.1: resampy kaiser_best, zero-padded to
 * ceil(n·r)). Case {@code v2_3s_rmvpe_index} takes f0 from our own RMVPE on the weights the reference's RMVPE ran (see
 * also {@link PipelineOwnF0ParityTest}). Both 50 s cases run in the default suite (3 to 6 s of CPU each).
 */
class PipelineParityTest {
    /** Features and synthesizer input, fp32 on CPU (brief: 1e-4). */
    private static final double FEATURE_TOLERANCE = 1e-4;
    /** pitchf is float32 Hz up to ~400; numpy and Java round the key shift the same way, so a few ulps at most. */
    private static final double PITCHF_TOLERANCE = 1e-4;
    /**
     * pitchf from our own RMVPE, relative: the decoders' float32 salience-weighted cents differ in the last bits
     * (worst 0.00083 cents = 4.8e-7 relative measured), which is more than 1e-4 Hz at a few hundred Hz; 1e-5 relative
     * is 0.017 cents.
     */
    private static final double OWN_F0_RELATIVE_TOLERANCE = 1e-5;
    /** The brief's bound for the deterministic waveform. */
    private static final double MIN_SNR_DB = 60;

    private static NDManager base;
    private static DjlContentEncoder tinyHubert;
    private static DjlContentEncoder wideHubert;
    private static JsonNode meta;

    @BeforeAll
    static void load() throws IOException {
        base = NDManager.newBaseManager();
        tinyHubert = DjlContentEncoder.load(TorchCheckpoint.readStateDict(Fixtures.path("hubert/tiny_fairseq.pt"),
                "model"), new ContentEncoderConfig(4, ContentEncoderConfig.BASE_STRIDES, 1e-5), base);
        wideHubert = DjlContentEncoder.load(TorchCheckpoint.readStateDict(
                Fixtures.path("hubert/wide768_fairseq_fp16.pt"), "model"),
                new ContentEncoderConfig(12, ContentEncoderConfig.BASE_STRIDES, 1e-5), base);
        meta = new ObjectMapper().readTree(Files.readAllBytes(Fixtures.path("pipeline/meta.json"))).get("cases");
    }

    @AfterAll
    static void close() {
        tinyHubert.close();
        wideHubert.close();
        base.close();
    }

    @Test
    void converts_3s_with_index_and_rms_mix_like_the_reference() {
        check("v2_3s_index");
    }

    @Test
    void converts_3s_without_index_with_key_shift_and_f0_file_like_the_reference() {
        check("v2_3s_noindex");
    }

    @Test
    void converts_with_a_no_f0_model_ignoring_pitch_like_the_reference() {
        check("v2_2s_nof0");
    }

    @Test
    void converts_3s_with_index_through_a_v1_40k_model_like_the_reference() {
        check("v1_3s_f0_40k_index");
    }

    @Test
    void converts_3s_with_index_through_a_v2_48k_model_like_the_reference() {
        check("v2_3s_f0_48k_index");
    }

    @Test
    void converts_3s_with_index_through_a_v2_no_f0_32k_model_like_the_reference() {
        check("v2_3s_nof0_32k_index");
    }

    @Test
    void converts_3s_with_index_and_our_own_rmvpe_f0_like_the_reference_running_rmvpe() {
        // same coarse pitch, pitchf, features and neighbours as the reference's RMVPE run (PipelineOwnF0ParityTest
        // takes the same case through ConvertVoiceService and reports the f0 frames)
        check("v2_3s_rmvpe_index");
    }

    @Test
    void converts_3s_with_index_and_resampling_to_44k_like_the_reference() {
        check("v2_3s_index_resample44k");
    }

    @Test
    void converts_50s_split_at_a_quiet_point_with_index_like_the_reference() {
        check("v1_50s_index");
    }

    @Test
    void converts_50s_split_at_a_quiet_point_without_index_like_the_reference() {
        check("v1_50s_noindex");
    }

    private record Chunk(float[] features, float[] phone50, int[] coarse, float[] hz, long[] ids, int rows) {
    }

    private static void check(String name) {
        JsonNode c = meta.get(name);
        boolean v2 = c.get("version").asText().equals("v2");
        String dir = "pipeline/" + name + "/";
        boolean f0Model = !c.has("if_f0") || c.get("if_f0").asInt() == 1;
        String model = c.has("model") ? c.get("model").asText() : "pipeline/tiny_" + (v2 ? "v2_40k" : "v1_32k") + ".pth";
        VoiceModelInfo info = new VoiceModelInfo(name, Fixtures.path(model),
                Optional.of(Fixtures.path("pipeline/tiny_" + (v2 ? "v2" : "v1") + ".index")), 0);
        ConversionParams.Builder b = ConversionParams.builder().pitch(c.get("key").asInt())
                .indexRate(c.get("index_rate").asDouble()).rmsMixRate(c.get("rms_mix_rate").asDouble())
                .protect(c.get("protect").asDouble()).deterministic(true);
        if (c.has("f0_file")) {
            b.f0Curve(F0Curve.parse(c.get("f0_file").asText()));
        }
        if (c.has("resample_sr")) {
            b.outputSampleRate(c.get("resample_sr").asInt());
        }
        ConversionParams params = b.build();
        int stride = c.get("feature_channel_stride").asInt();
        PreparedAudio audio = new AudioConditioner().prepare(Fixtures.signal(c.get("samples").asInt(),
                c.get("seed").asLong()));
        PitchTrack track = c.has("rmvpe") ? ownRmvpe(audio, params)
                : PitchTrack.of(Fixtures.npy(dir + "f0_track.npy").toFloatArray(), 100);
        LoadedVoice voice = new VoiceModelLoader(base, RetrievalIndex::read).apply(info);
        List<Chunk> chunks = new ArrayList<>();
        float[] out;
        long cpu0 = processCpuNanos();
        try {
            DjlRvcPipeline pipeline = new DjlRvcPipeline(v2 ? wideHubert : tinyHubert, base);
            Resampler resampler = c.has("resample_sr") ? new ResampyResampler() : (y, from, to) -> {
                throw new AssertionError("no resampling expected");
            };
            JsonNode featureChunks = (c.has("features_case") ? meta.get(c.get("features_case").asText()) : c)
                    .get("chunks");
            out = pipeline.convert(voice, audio, track, params, resampler, (index, features, phone, pitch) -> {
                int rows = featureChunks.get(index).get("feature_rows_stored").asInt();
                if (pitch == null && rows == 0) {  // no-f0 model without stored features: only the waveform
                    chunks.add(new Chunk(null, null, null, null, null, 0));
                    return;
                }
                NDArray f = features.get("0:" + rows + ", ::" + stride);
                NDArray p = phone.get("0, ::2, ::" + stride).get("0:" + rows);
                long[] ids = voice.retrieval() != null && params.indexRate() != 0
                        ? ids(voice.retrieval().search(features), rows) : null;
                chunks.add(new Chunk(f.toFloatArray(), p.toFloatArray(), pitch == null ? null : pitch.coarse(),
                        pitch == null ? null : pitch.hz(), ids, rows));
            });
        } finally {
            voice.close();
        }
        // process CPU (all threads): what the case costs, whatever else the build machine runs
        System.out.printf("pipeline %s: load + convert %.1f s process CPU%n", name, (processCpuNanos() - cpu0) / 1e9);
        JsonNode expectedChunks = c.get("chunks");
        assertThat(chunks).hasSize(expectedChunks.size());
        boolean withIndex = c.get("index_rate").asDouble() != 0;
        // a case run on the same input as another stores no features of its own: they are that case's
        String featureDir = c.has("features_case") ? sibling(c) : dir;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk ch = chunks.get(i);
            if (f0Model) {
                checkPitch(name, dir, i, ch, expectedChunks.get(i), c.has("rmvpe"));
            }
            if (withIndex && ch.rows() > 0) {
                checkFeatures(name, featureDir, i, ch);
            } else if (ch.rows() > 0) {
                checkFeaturesWithoutIndex(name, featureDir, i, ch);
            }
        }
        checkWaveform(name, dir, c, out);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The case whose features this one shares; it must have the same input, model family and HuBERT. */
    private static String sibling(JsonNode c) {
        String other = c.get("features_case").asText();
        JsonNode o = meta.get(other);
        for (String key : new String[] {"samples", "seed", "version", "feature_channel_stride"}) {
            assertThat(o.get(key)).as("features case %s: %s", other, key).isEqualTo(c.get(key));
        }
        assertThat(o.get("chunks").size()).isEqualTo(c.get("chunks").size());
        return "pipeline/" + other + "/";
    }

    /**
     * index_rate 0: no search, so the synthesizer input is the HuBERT output itself (doubled; protect mixes it with
     * itself); both are checked against the reference's HuBERT output.
     */
    private static void checkFeaturesWithoutIndex(String name, String dir, int i, Chunk ch) {
        float[] ref = Fixtures.npy(dir + "chunk" + i + "_features.npy").toFloatArray();
        double featErr = Fixtures.maxAbs(ch.features(), ref);
        double phoneErr = Fixtures.maxAbs(ch.phone50(), ref);
        System.out.printf("pipeline %s chunk %d (no index): features max abs %.3g, synth input vs the reference's "
                + "HuBERT output max abs %.3g%n", name, i, featErr, phoneErr);
        assertThat(featErr).as("HuBERT features, chunk %d", i).isLessThanOrEqualTo(FEATURE_TOLERANCE);
        assertThat(phoneErr).as("synthesizer input = HuBERT output, chunk %d", i)
                .isLessThanOrEqualTo(FEATURE_TOLERANCE);
    }

    private static void checkPitch(String name, String dir, int i, Chunk ch, JsonNode expected, boolean ownF0) {
        int[] refCoarse = ints(Fixtures.npy(dir + "chunk" + i + "_pitch.npy"));
        assertThat(ch.coarse()).as("coarse pitch, chunk %d", i).isEqualTo(refCoarse);
        float[] refHz = Fixtures.npy(dir + "chunk" + i + "_pitchf.npy").toFloatArray();
        double pitchErr = Fixtures.maxAbs(ch.hz(), refHz);
        if (ownF0) {
            double rel = 0;
            for (int k = 0; k < refHz.length; k++) {
                rel = Math.max(rel, Math.abs(ch.hz()[k] - refHz[k]) / Math.max(refHz[k], 1f));
            }
            System.out.printf("pipeline %s chunk %d: coarse pitch identical, pitchf max abs %.3g Hz, max relative "
                    + "%.2g%n", name, i, pitchErr, rel);
            assertThat(rel).as("pitchf (own RMVPE), chunk %d", i).isLessThanOrEqualTo(OWN_F0_RELATIVE_TOLERANCE);
        } else {
            assertThat(pitchErr).as("pitchf, chunk %d", i).isLessThanOrEqualTo(PITCHF_TOLERANCE);
        }
        assertThat(ch.hz()).hasSize(expected.get("frames").asInt());
    }

    private static void checkFeatures(String name, String dir, int i, Chunk ch) {
        double featErr = Fixtures.maxAbs(ch.features(),
                Fixtures.npy(dir + "chunk" + i + "_features.npy").toFloatArray());
        long[] refIds = Fixtures.npy(dir + "chunk" + i + "_search_ids.npy").toLongArray();
        int flips = 0;
        for (int k = 0; k < refIds.length; k++) {
            flips += refIds[k] != ch.ids()[k] ? 1 : 0;
        }
        double phoneErr = Fixtures.maxAbs(ch.phone50(),
                Fixtures.npy(dir + "chunk" + i + "_phone.npy").toFloatArray());
        System.out.printf("pipeline %s chunk %d: features max abs %.3g, synth input max abs %.3g, "
                + "neighbour ids differing %d of %d%n", name, i, featErr, phoneErr, flips, refIds.length);
        assertThat(featErr).as("HuBERT features, chunk %d", i).isLessThanOrEqualTo(FEATURE_TOLERANCE);
        assertThat(flips).as("neighbour flips (near-ties), chunk %d", i).isZero();
        assertThat(phoneErr).as("synthesizer input, chunk %d", i).isLessThanOrEqualTo(FEATURE_TOLERANCE);
    }

    private static void checkWaveform(String name, String dir, JsonNode c, float[] out) {
        int outStride = c.get("output_stride").asInt();
        assertThat(out).hasSize(c.get("output_samples").asInt());
        short[] ref16 = shorts(Fixtures.npy(dir + "output_int16.npy"));
        double signal = 0;
        double noise = 0;
        int exact = 0;
        for (int i = 0; i < ref16.length; i++) {
            double r = ref16[i] / 32768.0;
            double o = out[i * outStride];
            signal += r * r;
            noise += (r - o) * (r - o);
            exact += Math.round(o * 32768) == ref16[i] ? 1 : 0;
        }
        double snr = 10 * Math.log10(signal / Math.max(noise, 1e-30));
        System.out.printf("pipeline %s: waveform SNR %.1f dB, %d of %d int16 samples identical%s%n", name, snr, exact,
                ref16.length, outStride > 1 ? " (every " + outStride + "th)" : "");
        assertThat(snr).isGreaterThanOrEqualTo(MIN_SNR_DB);
        JsonNode seams = c.get("seams");
        for (int k = 0; seams != null && k < seams.size(); k++) {
            // every sample within 0.5 s of the seam between chunk k and k + 1
            short[] seam = shorts(Fixtures.npy(dir + "seam" + k + "_int16.npy"));
            int start = seams.get(k).get("start").asInt();
            double s2 = 0;
            double n2 = 0;
            int same = 0;
            for (int i = 0; i < seam.length; i++) {
                double r = seam[i] / 32768.0;
                double o = out[start + i];
                s2 += r * r;
                n2 += (r - o) * (r - o);
                same += Math.round(o * 32768) == seam[i] ? 1 : 0;
            }
            double seamSnr = 10 * Math.log10(s2 / Math.max(n2, 1e-30));
            System.out.printf("pipeline %s: seam %d (samples %d..%d, all): SNR %.1f dB, %d of %d int16 identical%n",
                    name, k, start, start + seam.length, seamSnr, same, seam.length);
            assertThat(seamSnr).as("waveform SNR around seam %d", k).isGreaterThanOrEqualTo(MIN_SNR_DB);
        }
    }

    /** RMVPE (the reduced random E2E the reference ran) on the conditioned, padded input, as the services call it. */
    private static PitchTrack ownRmvpe(PreparedAudio audio, ConversionParams params) {
        try (DjlRmvpePitchExtractor rmvpe = new DjlRmvpePitchExtractor(rmvpeWeights())) {
            return rmvpe.extract(audio.padded(), PitchRequest.from(params));
        }
    }

    private static Path rmvpeWeights() {
        try {
            return Path.of(PipelineParityTest.class.getResource("/pitch/rmvpe-small.pt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] ids(Neighbours nb, int rows) {
        long[] out = new long[rows * nb.k()];
        System.arraycopy(nb.ids(), 0, out, 0, out.length);
        return out;
    }

    private static int[] ints(TensorData t) {
        long[] l = t.toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    private static short[] shorts(TensorData t) {
        long[] l = t.toLongArray();
        short[] out = new short[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (short) l[i];
        }
        return out;
    }
}
