package io.rvc4j.core.service;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.model.Stem;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.Mixer;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.StreamStitcher;
import io.rvc4j.core.port.out.VoiceConverter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * In-memory out-ports that record every call, in order, into one shared log, and keep the arguments they saw.
 * "Encoded" audio here is a text header {@code clip:<rate>:<channels>:<frames>}; decoding makes a ramp of that shape.
 */
final class Fakes {
    final List<String> calls = new ArrayList<>();
    final Registry registry = new Registry();
    final Codec codec = new Codec();
    final Resample resampler = new Resample();
    final Pitch pitch = new Pitch();
    final Converter converter = new Converter();
    final FakeMixer mixer = new FakeMixer();
    final Stitcher stitcher = new Stitcher();

    static byte[] encodedClip(int rate, int channels, int frames) {
        return ("clip:" + rate + ":" + channels + ":" + frames).getBytes(StandardCharsets.US_ASCII);
    }

    final class Registry implements ModelRegistry {
        final List<VoiceModelInfo> models = new ArrayList<>(List.of(
                new VoiceModelInfo("alice", Path.of("/models/alice/alice.pth"), Optional.of(Path.of("/models/alice/a.index")), 10),
                new VoiceModelInfo("bob", Path.of("/models/bob/bob.pth"), Optional.empty(), 20)));
        RuntimeException failure;

        @Override
        public List<VoiceModelInfo> list() {
            calls.add("registry.list");
            if (failure != null) {
                throw failure;
            }
            return List.copyOf(models);
        }

        @Override
        public VoiceModelInfo resolve(ModelRef ref) {
            String name = ((ModelRef.ByName) ref).name();
            calls.add("registry.resolve " + name);
            return models.stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ModelNotFoundException("Voice model not found: " + name));
        }
    }

    final class Codec implements AudioCodec {
        final List<DecodeSpec> decodeSpecs = new ArrayList<>();
        AudioClip encodedClip;
        OutputFormat encodedFormat;

        @Override
        public AudioClip decode(byte[] data, DecodeSpec spec) {
            String text = new String(data, StandardCharsets.US_ASCII);
            calls.add("codec.decode " + text + " as " + spec.sampleRate() + "/" + spec.channels());
            decodeSpecs.add(spec);
            if (!text.startsWith("clip:")) {
                throw new InvalidAudioException("not audio");
            }
            String[] f = text.split(":");
            int rate = spec.sampleRate() == 0 ? Integer.parseInt(f[1]) : spec.sampleRate();
            int channels = spec.channels() == 0 ? Integer.parseInt(f[2]) : spec.channels();
            int frames = (int) ((long) Integer.parseInt(f[3]) * rate / Integer.parseInt(f[1]));
            float[][] ch = new float[channels][frames];
            for (float[] c : ch) {
                for (int i = 0; i < frames; i++) {
                    c[i] = (i % 100) / 100f;
                }
            }
            return AudioClip.of(rate, ch);
        }

        @Override
        public byte[] encode(AudioClip clip, OutputFormat format) {
            calls.add("codec.encode " + format + " " + clip.sampleRate() + " Hz");
            encodedClip = clip;
            encodedFormat = format;
            return ("encoded:" + format + ":" + clip.frameCount()).getBytes(StandardCharsets.US_ASCII);
        }
    }

    final class Resample implements Resampler {
        @Override
        public float[] resample(float[] samples, int fromRate, int toRate) {
            calls.add("resample " + fromRate + "->" + toRate);
            return Arrays.copyOf(samples, (int) Math.round((double) samples.length * toRate / fromRate));
        }
    }

    final class Pitch implements PitchExtractor {
        final List<PitchRequest> requests = new ArrayList<>();
        float[] lastAudio;
        volatile String warmUpThread;
        RuntimeException warmUpFailure;

        @Override
        public void warmUp(PitchMethod method) {
            warmUpThread = Thread.currentThread().getName() + " " + method;
            if (warmUpFailure != null) {
                throw warmUpFailure;
            }
        }

        @Override
        public PitchTrack extract(float[] audio16k, PitchRequest request) {
            calls.add("pitch.extract " + request.method() + " on " + audio16k.length);
            requests.add(request);
            lastAudio = audio16k;
            float[] f0 = new float[audio16k.length / 160];
            for (int i = 0; i < f0.length; i++) {
                f0[i] = i; // frame index as f0, so tests can see which frames were kept
            }
            return PitchTrack.wrap(f0, PitchTrack.RVC_FRAME_RATE);
        }
    }

    final class Converter implements VoiceConverter {
        static final int PAD = 1600;
        boolean pitchGuided = true;
        int modelRate = 40_000;
        final List<ConversionParams> params = new ArrayList<>();
        final List<PitchTrack> tracks = new ArrayList<>();
        final List<float[]> preparedInputs = new ArrayList<>();
        boolean silentOutput;

        @Override
        public VoiceProfile profile(VoiceModelInfo model) {
            calls.add("converter.profile " + model.name());
            return new VoiceProfile(modelRate, pitchGuided, "v2", 1);
        }

        @Override
        public PreparedAudio prepare(float[] audio16k) {
            calls.add("converter.prepare " + audio16k.length);
            preparedInputs.add(audio16k.clone());
            float[] padded = new float[audio16k.length + 2 * PAD];
            System.arraycopy(audio16k, 0, padded, PAD, audio16k.length);
            return PreparedAudio.wrap(audio16k.clone(), padded, PAD);
        }

        @Override
        public AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams p) {
            calls.add("converter.convert " + model.name() + " with " + f0.frameCount() + " f0 frames");
            params.add(p);
            tracks.add(f0);
            int frames = (int) ((long) audio.frameCount() * modelRate / PreparedAudio.SAMPLE_RATE);
            float[] out = new float[frames];
            if (!silentOutput) {
                Arrays.fill(out, 0.25f);
            }
            return AudioClip.wrap(modelRate, out);
        }

        @Override
        public DeviceInfo device() {
            calls.add("converter.device");
            return new DeviceInfo("cpu", false);
        }
    }

    final class FakeMixer implements Mixer {
        ReverbParams reverb;
        final List<Integer> shifts = new ArrayList<>();
        List<Stem> stems;
        int mixRate;
        PeakPolicy policy;

        @Override
        public AudioClip applyVocalEffects(AudioClip vocals, ReverbParams reverb) {
            calls.add("mixer.effects " + vocals.sampleRate() + " Hz");
            this.reverb = reverb;
            return vocals;
        }

        @Override
        public AudioClip pitchShift(AudioClip audio, int semitones) {
            calls.add("mixer.pitchShift " + semitones + " on " + audio.channelCount() + " ch");
            shifts.add(semitones);
            return audio;
        }

        @Override
        public AudioClip mix(List<Stem> stems, int sampleRate, PeakPolicy policy) {
            calls.add("mixer.mix " + stems.size() + " stems at " + sampleRate);
            this.stems = stems;
            this.mixRate = sampleRate;
            this.policy = policy;
            int frames = stems.stream().mapToInt(s -> s.audio().frameCount()).max().orElse(0);
            return AudioClip.silence(sampleRate, 2, frames);
        }
    }

    final class Stitcher implements StreamStitcher {
        final List<float[]> tails = new ArrayList<>();

        @Override
        public Splice open(int crossfadeFrames, int searchFrames) {
            calls.add("stitcher.open " + crossfadeFrames + "/" + searchFrames);
            return (tail, outputFrames) -> {
                tails.add(tail.clone());
                return Arrays.copyOf(tail, outputFrames);
            };
        }
    }
}
