package io.rvc4j.core.service;

import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.OpenStreamCommand;
import io.rvc4j.core.port.in.OpenStreamUseCase;
import io.rvc4j.core.port.in.VoiceStream;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.StreamStitcher;
import io.rvc4j.core.port.out.VoiceConverter;

/** Opens real-time streams: the model is resolved and loaded once, at open, so the first block does not pay for it. */
public final class StreamingService implements OpenStreamUseCase {
    private final ModelRegistry registry;
    private final VoicePipeline pipeline;
    private final StreamStitcher stitcher;

    public StreamingService(ModelRegistry registry, AudioCodec codec, Resampler resampler,
            PitchExtractor pitchExtractor, VoiceConverter converter, StreamStitcher stitcher) {
        this.registry = registry;
        this.pipeline = new VoicePipeline(codec, resampler, pitchExtractor, converter);
        this.stitcher = stitcher;
    }

    @Override
    public VoiceStream open(OpenStreamCommand command) {
        VoiceModelInfo model = registry.resolve(command.model());
        pipeline.converter().profile(model);
        return new StreamSession(pipeline, model, command.params(), command.settings(),
                stitcher.open(command.settings().crossfadeFrames(), command.settings().searchFrames()));
    }
}
