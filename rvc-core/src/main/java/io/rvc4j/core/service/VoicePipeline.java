package io.rvc4j.core.service;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.in.StageListener;
import io.rvc4j.core.port.in.StageListener.Stage;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.VoiceConverter;
import java.util.Objects;

/**
 * The conversion steps every use case shares: load audio at 16 kHz, condition it, extract f0 (f0 models only),
 * convert. The order is the reference pipeline's: pitch is estimated on the conditioned, padded signal.
 */
final class VoicePipeline {
    private final AudioCodec codec;
    private final Resampler resampler;
    private final PitchExtractor pitchExtractor;
    private final VoiceConverter converter;

    VoicePipeline(AudioCodec codec, Resampler resampler, PitchExtractor pitchExtractor, VoiceConverter converter) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.resampler = Objects.requireNonNull(resampler, "resampler");
        this.pitchExtractor = Objects.requireNonNull(pitchExtractor, "pitchExtractor");
        this.converter = Objects.requireNonNull(converter, "converter");
    }

    /** Mono 16 kHz samples, decoded as the reference loads them ({@code ffmpeg -ac 1 -ar 16000}). */
    float[] load16k(AudioSource source) {
        float[] samples;
        if (source instanceof AudioSource.Encoded encoded) {
            samples = codec.decode(encoded.data(), DecodeSpec.RVC_INPUT).monoSamples();
        } else {
            AudioClip clip = ((AudioSource.Decoded) source).clip();
            samples = clip.sampleRate() == PreparedAudio.SAMPLE_RATE
                    ? clip.monoSamples()
                    : resampler.resample(clip.monoSamples(), clip.sampleRate(), PreparedAudio.SAMPLE_RATE);
        }
        requireAudio(source, samples.length);
        return samples;
    }

    /** The source at its own rate and channel count. */
    AudioClip loadNative(AudioSource source) {
        AudioClip clip = source instanceof AudioSource.Encoded encoded
                ? codec.decode(encoded.data(), DecodeSpec.NATIVE)
                : ((AudioSource.Decoded) source).clip();
        requireAudio(source, clip.frameCount());
        return clip;
    }

    /** {@link #convert(VoiceModelInfo, float[], ConversionParams, StageListener)} reporting to no one. */
    AudioClip convert(VoiceModelInfo model, float[] audio16k, ConversionParams params) {
        return convert(model, audio16k, params, StageListener.NONE);
    }

    /**
     * Converts 16 kHz mono samples with a model; returns audio at the model's (or the requested) rate. Reports
     * {@link Stage#F0} (f0 models only) and {@link Stage#CONVERT}.
     */
    AudioClip convert(VoiceModelInfo model, float[] audio16k, ConversionParams params, StageListener listener) {
        VoiceProfile profile = converter.profile(model);
        PitchTrack f0 = PitchTrack.none();
        PreparedAudio prepared;
        if (profile.pitchGuided()) {
            listener.started(Stage.F0);
            prepared = converter.prepare(audio16k);
            f0 = pitchExtractor.extract(prepared.padded(), PitchRequest.from(params));
        } else {
            prepared = converter.prepare(audio16k);
        }
        listener.started(Stage.CONVERT);
        return converter.convert(model, prepared, f0, params);
    }

    /** The f0 track of 16 kHz audio as conversion sees it, with the padding frames removed so frame 0 is time 0. */
    PitchTrack pitch(float[] audio16k, PitchRequest request) {
        PreparedAudio prepared = converter.prepare(audio16k);
        PitchTrack padded = pitchExtractor.extract(prepared.padded(), request);
        int hop = (int) Math.round(PreparedAudio.SAMPLE_RATE / padded.frameRate());
        int skip = prepared.padSamples() / hop;
        int frames = Math.max(0, Math.min(padded.frameCount() - skip, audio16k.length / hop));
        float[] f0 = new float[frames];
        for (int i = 0; i < frames; i++) {
            f0[i] = padded.at(skip + i);
        }
        return PitchTrack.wrap(f0, padded.frameRate());
    }

    VoiceConverter converter() {
        return converter;
    }

    Resampler resampler() {
        return resampler;
    }

    AudioCodec codec() {
        return codec;
    }

    private static void requireAudio(AudioSource source, int frames) {
        if (frames == 0) {
            throw new InvalidAudioException(source.label() + ": the audio is empty (0 samples)");
        }
    }
}
