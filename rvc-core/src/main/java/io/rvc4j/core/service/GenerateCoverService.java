package io.rvc4j.core.service;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.core.model.Stem;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.CoverResult;
import io.rvc4j.core.port.in.GenerateCoverCommand;
import io.rvc4j.core.port.in.GenerateCoverUseCase;
import io.rvc4j.core.port.in.StageListener;
import io.rvc4j.core.port.in.StageListener.Stage;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.Mixer;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.VoiceConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AICoverGen's cover from separated stems (aicovergen-pipeline.md section 3): the main vocals are converted with the
 * key {@code pitch + pitch_change_all}, go through the vocal chain, the instrumental and backup vocals are pitch
 * shifted by {@code pitch_change_all}, and the three are mixed at AICoverGen's base levels plus the user's gains, at
 * {@code max(model rate, 44.1 kHz)}.
 */
public final class GenerateCoverService implements GenerateCoverUseCase {
    /** AICoverGen mixes at no less than CD rate. */
    public static final int MIN_MIX_RATE = 44_100;

    private final ModelRegistry registry;
    private final Mixer mixer;
    private final VoicePipeline pipeline;

    public GenerateCoverService(ModelRegistry registry, AudioCodec codec, Resampler resampler,
            PitchExtractor pitchExtractor, VoiceConverter converter, Mixer mixer) {
        this.registry = registry;
        this.mixer = mixer;
        this.pipeline = new VoicePipeline(codec, resampler, pitchExtractor, converter);
    }

    @Override
    public CoverResult generate(GenerateCoverCommand command) {
        return generate(command, StageListener.NONE);
    }

    @Override
    public CoverResult generate(GenerateCoverCommand command, StageListener listener) {
        CoverParams params = command.params();
        VoiceModelInfo model = registry.resolve(command.model());
        // Decode everything first: a bad stem fails the request before any expensive work.
        listener.started(Stage.DECODE);
        float[] vocals16k = pipeline.load16k(command.vocals());
        AudioClip instrumental = pipeline.loadNative(command.instrumental());
        Optional<AudioClip> backup = command.backupVocals().map(pipeline::loadNative);

        ConversionParams vocalParams = params.conversion().toBuilder().pitch(params.vocalKey()).build();
        AudioClip converted = pipeline.convert(model, vocals16k, vocalParams, listener);
        listener.started(Stage.EFFECTS);
        AudioClip mainVocals = mixer.applyVocalEffects(converted, params.reverb());
        if (params.pitchChangeAll() != 0) {
            listener.started(Stage.PITCH_SHIFT);
            instrumental = mixer.pitchShift(instrumental, params.pitchChangeAll());
            backup = Optional.of(backup).flatMap(b -> b.map(clip -> mixer.pitchShift(clip, params.pitchChangeAll())));
        }

        MixGains gains = params.gains();
        List<Stem> stems = new ArrayList<>(3);
        stems.add(new Stem(Stem.Role.MAIN_VOCALS, mainVocals, MixGains.MAIN_BASE_DB + gains.mainDb()));
        backup.ifPresent(b -> stems.add(new Stem(Stem.Role.BACKUP_VOCALS, b, MixGains.BACKUP_BASE_DB + gains.backupDb())));
        stems.add(new Stem(Stem.Role.INSTRUMENTAL, instrumental, MixGains.INSTRUMENTAL_BASE_DB + gains.instrumentalDb()));
        int mixRate = Math.max(converted.sampleRate(), MIN_MIX_RATE);
        listener.started(Stage.MIX);
        AudioClip mix = mixer.mix(stems, mixRate, params.peakPolicy());

        listener.started(Stage.ENCODE);
        byte[] encoded = pipeline.codec().encode(mix, params.outputFormat());
        String fileName = "cover_" + model.name() + "." + params.outputFormat().extension();
        return new CoverResult(model.name(), fileName, params.outputFormat(), encoded, mix.sampleRate(),
                mix.durationSeconds());
    }
}
