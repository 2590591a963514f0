package io.rvc4j.engine.bench;

import ai.djl.Device;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.dsp.mix.DspMixer;
import io.rvc4j.dsp.pitch.HarvestPitchExtractor;
import io.rvc4j.dsp.pitch.PmPitchExtractor;
import io.rvc4j.dsp.resample.SincResampler;
import io.rvc4j.dsp.stream.SolaStitcher;
import io.rvc4j.engine.Rvc;
import io.rvc4j.engine.RvcBuilder;
import io.rvc4j.engine.hubert.ContentEncoderFiles;
import io.rvc4j.engine.pipeline.DeviceSelector;
import io.rvc4j.engine.pipeline.DjlVoiceConverter;
import io.rvc4j.engine.pitch.CompositePitchExtractor;
import io.rvc4j.engine.registry.DirectoryModelRegistry;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import io.rvc4j.engine.synth.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The same wiring as {@code Rvc.builder().build()} (same port implementations, same converter), with the pitch
 * extractor and the voice converter wrapped in timing decorators. The content encoder loads here, eagerly, and is
 * timed as stage {@code load}.
 */
public final class TimedEngine {
    private TimedEngine() {
    }

    /** An engine over {@code modelsDir} whose stage times accumulate in {@code clock}. */
    public static Rvc open(Path modelsDir, String device, StageClock clock) {
        return open(modelsDir, device, clock, RvcBuilder.precisionFromEnv());
    }

    /** As above with the generator in {@code precision}. */
    public static Rvc open(Path modelsDir, String device, StageClock clock, Precision precision) {
        DirectoryModelRegistry registry = new DirectoryModelRegistry(modelsDir);
        DeviceSelector selector = new DeviceSelector();
        Device dev = selector.select(device);
        DeviceInfo info = selector.info(dev);
        SincResampler resampler = new SincResampler();
        Map<PitchAlgorithm, PitchExtractor> dsp = Map.of(
                PitchAlgorithm.HARVEST, new HarvestPitchExtractor(),
                PitchAlgorithm.PM, new PmPitchExtractor());
        CompositePitchExtractor pitch = CompositePitchExtractor.forModelsDir(modelsDir, dev, dsp);
        Path encoder = RvcBuilder.contentEncoderPath(registry);
        DjlVoiceConverter converter = clock.time("load", () -> new DjlVoiceConverter(dev, info,
                manager -> ContentEncoderFiles.load(encoder, manager), RetrievalIndex::read, resampler,
                DjlVoiceConverter.DEFAULT_CACHED_MODELS, precision));
        return new Rvc(registry, new FfmpegAudioCodec(), resampler, new TimedPitchExtractor(pitch, clock),
                new TimedVoiceConverter(converter, clock), new DspMixer(resampler), new SolaStitcher(),
                List.of(pitch, converter));
    }
}
