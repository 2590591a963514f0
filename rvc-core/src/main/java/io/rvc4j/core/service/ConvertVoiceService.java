package io.rvc4j.core.service;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.ConversionResult;
import io.rvc4j.core.port.in.ConvertVoiceCommand;
import io.rvc4j.core.port.in.ConvertVoiceUseCase;
import io.rvc4j.core.port.in.ExtractPitchCommand;
import io.rvc4j.core.port.in.ExtractPitchUseCase;
import io.rvc4j.core.port.in.StageListener;
import io.rvc4j.core.port.in.StageListener.Stage;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.VoiceConverter;

/** Converts a recording: resolve the model, decode to 16 kHz, condition, extract f0, convert, encode. */
public final class ConvertVoiceService implements ConvertVoiceUseCase, ExtractPitchUseCase {
    private final ModelRegistry registry;
    private final VoicePipeline pipeline;

    public ConvertVoiceService(ModelRegistry registry, AudioCodec codec, Resampler resampler,
            PitchExtractor pitchExtractor, VoiceConverter converter) {
        this.registry = registry;
        this.pipeline = new VoicePipeline(codec, resampler, pitchExtractor, converter);
    }

    @Override
    public ConversionResult convert(ConvertVoiceCommand command) {
        return convert(command, StageListener.NONE);
    }

    @Override
    public ConversionResult convert(ConvertVoiceCommand command, StageListener listener) {
        VoiceModelInfo model = registry.resolve(command.model());
        listener.started(Stage.DECODE);
        float[] audio16k = pipeline.load16k(command.input());
        AudioClip converted = pipeline.convert(model, audio16k, command.params(), listener);
        listener.started(Stage.ENCODE);
        byte[] encoded = pipeline.codec().encode(converted, command.outputFormat());
        return new ConversionResult(model.name(), converted, command.outputFormat(), encoded);
    }

    @Override
    public PitchTrack extractPitch(ExtractPitchCommand command) {
        return extractPitch(command, StageListener.NONE);
    }

    @Override
    public PitchTrack extractPitch(ExtractPitchCommand command, StageListener listener) {
        listener.started(Stage.DECODE);
        float[] audio16k = pipeline.load16k(command.input());
        listener.started(Stage.F0);
        return pipeline.pitch(audio16k, command.request());
    }
}
