package io.rvc4j.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.engine.RvcBuilder;
import io.rvc4j.engine.hubert.ContentEncoderFiles;
import io.rvc4j.engine.hubert.DjlContentEncoder;
import io.rvc4j.engine.hubert.FeatureSet;
import io.rvc4j.engine.pipeline.AudioConditioner;
import io.rvc4j.engine.pipeline.DeviceSelector;
import io.rvc4j.engine.pipeline.PipelineConstants;
import io.rvc4j.engine.pitch.CompositePitchExtractor;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.dsp.pitch.HarvestPitchExtractor;
import io.rvc4j.dsp.pitch.PmPitchExtractor;
import java.util.Map;
import io.rvc4j.engine.registry.DirectoryModelRegistry;
import io.rvc4j.engine.retrieval.DjlIndexRetrieval;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import io.rvc4j.engine.synth.DjlSynthesizer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times the neural steps one by one ({@code f0}, {@code features}, {@code retrieval}, {@code synthesis}) on the same
 * engine classes the converter uses, with the shapes the pipeline gives them for an input that fits one chunk (under
 * 39 s: the whole padded signal). It is a measuring harness, not a second pipeline: its output is not used.
 */
public final class StageBreakdown implements AutoCloseable {
    /** RVC's mel range for the coarse pitch (f0_min 50 Hz, f0_max 1100 Hz), as in the pipeline. */
    private static final double MEL_MIN = 1127 * Math.log(1 + 50.0 / 700);
    private static final double MEL_MAX = 1127 * Math.log(1 + 1100.0 / 700);

    private final NDManager base;
    private final DjlContentEncoder encoder;
    private final DjlSynthesizer synth;
    private final DjlIndexRetrieval retrieval;
    private final CompositePitchExtractor pitch;
    private final FeatureSet featureSet;
    private final AudioConditioner conditioner = new AudioConditioner();

    private StageBreakdown(NDManager base, DjlContentEncoder encoder, DjlSynthesizer synth,
            DjlIndexRetrieval retrieval, CompositePitchExtractor pitch) {
        this.base = base;
        this.encoder = encoder;
        this.synth = synth;
        this.retrieval = retrieval;
        this.pitch = pitch;
        this.featureSet = FeatureSet.of(synth.config().version());
    }

    /** Loads the content encoder, the pitch method's network, the voice and its index from {@code modelsDir}; times it as {@code load}. */
    public static StageBreakdown load(Path modelsDir, String model, String device, ConversionParams params,
            StageClock clock) {
        DirectoryModelRegistry registry = new DirectoryModelRegistry(modelsDir);
        VoiceModelInfo info = registry.resolve(ModelRef.named(model));
        Device dev = new DeviceSelector().select(device);
        return clock.time("load", () -> {
            NDManager base = NDManager.newBaseManager(dev, "PyTorch");
            try {
                DjlContentEncoder enc = ContentEncoderFiles.load(RvcBuilder.contentEncoderPath(registry), base);
                DjlSynthesizer syn = DjlSynthesizer.open(info.modelFile(), base);
                DjlIndexRetrieval ret = info.indexFile().map(p -> DjlIndexRetrieval.load(RetrievalIndex.read(p), base))
                        .orElse(null);
                CompositePitchExtractor pitch = CompositePitchExtractor.forModelsDir(modelsDir, dev, Map.of(
                        PitchAlgorithm.HARVEST, new HarvestPitchExtractor(), PitchAlgorithm.PM, new PmPitchExtractor()));
                // loads the requested network (lazily built) on a 0.1 s input
                pitch.extract(new float[PipelineConstants.SR / 10], PitchRequest.from(params));
                return new StageBreakdown(base, enc, syn, ret, pitch);
            } catch (RuntimeException e) {
                base.close();
                throw e;
            }
        });
    }

    /** One pass over {@code audio16k}; stage seconds go to {@code clock}. */
    public void run(float[] audio16k, ConversionParams params, StageClock clock) {
        PreparedAudio prepared = clock.time("prepare", () -> conditioner.prepare(audio16k));
        float[] padded = prepared.padded();
        PitchTrack f0 = clock.time("f0", () -> pitch.extract(padded, PitchRequest.from(params)));
        try (NDManager call = base.newSubManager()) {
            NDArray features = clock.time("features", () -> {
                NDArray x = encoder.encode(call.create(padded), featureSet);
                x.toFloatArray(); // wait for the result, as the pipeline does when it reads it
                return x;
            });
            NDArray blended = features;
            if (retrieval == null || params.indexRate() == 0) {
                clock.add("retrieval", 0); // reported, as zero, so every report has the same stages
            } else {
                blended = clock.time("retrieval", () -> retrieval.blend(features, params.indexRate()));
            }
            NDArray phoneSource = blended;
            clock.time("synthesis", () -> {
                int pLen = Math.min((int) (2 * features.getShape().get(0)), padded.length / PipelineConstants.WINDOW);
                pLen = Math.min(pLen, f0.frameCount());
                String rows = "0:" + pLen;
                NDArray phone = phoneSource.repeat(0, 2).get(rows);
                float[] mask = new float[pLen];
                long[] coarse = new long[pLen];
                float[] hz = Arrays.copyOf(f0.f0Hz(), pLen);
                for (int i = 0; i < pLen; i++) {
                    mask[i] = hz[i] >= 1f ? 1f : (float) params.protect();
                    coarse[i] = coarse(hz[i]);
                }
                NDArray m = call.create(mask, new Shape(pLen, 1));
                phone = phone.mul(m).add(features.repeat(0, 2).get(rows).mul(m.neg().add(1f))).expandDims(0);
                return synth.infer(phone, call.create(coarse, new Shape(1, pLen)), call.create(hz, new Shape(1, pLen)),
                        params.speakerId(), params.deterministic()).toFloatArray();
            });
        }
    }

    private static long coarse(float f0) {
        double mel = 1127 * Math.log(1 + f0 / 700.0);
        if (mel > 0) {
            mel = (mel - MEL_MIN) * 254 / (MEL_MAX - MEL_MIN) + 1;
        }
        return Math.round(Math.max(1, Math.min(255, mel)));
    }

    @Override
    public void close() {
        pitch.close();
        synth.close();
        if (retrieval != null) {
            retrieval.close();
        }
        encoder.close();
        base.close();
    }
}
