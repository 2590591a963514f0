package io.rvc4j.adapter.runpod;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.model.Stem;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.out.Mixer;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.VoiceConverter;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.dsp.mix.DspMixer;
import io.rvc4j.dsp.resample.SincResampler;
import io.rvc4j.dsp.stream.SolaStitcher;
import io.rvc4j.engine.Rvc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real facade {@code new Rvc(...)} over in-test neural ports. These tests verify the adapter and RunPod's
 * protocol, not neural parity: the "converter" halves the input and moves it to the model's 40 kHz, the "pitch
 * extractor" says 220 Hz everywhere. Audio goes either through an in-test WAV codec and a summing mixer (unit tests:
 * predictable numbers, no natives) or through rvc-dsp's real FFmpeg codec, resampler and mixer (integration tests). What the ports were asked is recorded, so
 * tests can check that request parameters reach the use cases.
 */
final class TestEngine {
    static final int MODEL_RATE = 40_000;
    /** A conversion with this speaker id throws an {@link UnsatisfiedLinkError}, as a broken native library would. */
    static final int NATIVE_CRASH_SID = 13;
    /** The converter's output gain, so a test can tell converted vocals from the input. */
    static final float CONVERTER_GAIN = 0.5f;

    final Path modelsDir;
    final ConcurrentLinkedQueue<ConversionParams> conversions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<ReverbParams> reverbs = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Integer> pitchShifts = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<List<Stem>> mixes = new ConcurrentLinkedQueue<>();
    /** Conversions with a model whose name starts with "slow" release one permit here, then wait for the gate. */
    final Semaphore slowEntered = new Semaphore(0);
    final CountDownLatch slowGate = new CountDownLatch(1);
    /** Engines opened through {@link #source()}. */
    final java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Model loads by model name. Each engine's converter loads a model the first time a conversion asks for it and
     * keeps it, as the real engine's voice cache does; an adapter that opened an engine per job would load it again.
     */
    final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> modelLoads =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** What the converter says it runs on (the engine's naming: {@code cpu}, {@code gpu:N}). */
    volatile DeviceInfo device = new DeviceInfo("cpu", false);

    /** When set, "slow" models sleep this long instead of waiting for {@link #slowGate} (for other processes). */
    private final java.time.Duration slowSleep;
    /** rvc-dsp's FFmpeg codec, sinc resampler, mixer and SOLA stitcher instead of the in-test WAV double. */
    private final boolean realDsp;

    TestEngine(Path modelsDir, java.time.Duration slowSleep, boolean realDsp) {
        this.modelsDir = modelsDir;
        this.slowSleep = slowSleep;
        this.realDsp = realDsp;
    }

    /** A models dir with voices "alice" and "slow_bob" (a .pth each) and "empty" (a folder without one). */
    static TestEngine withModels(Path dir) {
        return withModels(dir, null, false);
    }

    /** The same models over rvc-dsp's real codec and mixer (integration tests: they load FFmpeg). */
    static TestEngine withRealDsp(Path dir) {
        return withModels(dir, null, true);
    }

    static TestEngine withModels(Path dir, java.time.Duration slowSleep, boolean realDsp) {
        try {
            for (String voice : List.of("alice", "slow_bob")) {
                Files.createDirectories(dir.resolve(voice));
                Files.write(dir.resolve(voice).resolve(voice + ".pth"), new byte[] {1, 2, 3});
            }
            Files.write(dir.resolve("alice").resolve("added_alice.index"), new byte[] {4});
            Files.createDirectories(dir.resolve("empty"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestEngine(dir, slowSleep, realDsp);
    }

    Rvc rvc() {
        if (realDsp) {
            SincResampler resampler = new SincResampler();
            return new Rvc(new DirRegistry(), new FfmpegAudioCodec(), resampler, new FlatPitch(),
                    new HalvingConverter(), new RecordingMixer(new DspMixer(resampler)), new SolaStitcher(), List.of());
        }
        return new Rvc(new DirRegistry(), new WavCodecDouble(), new LinearResampler(), new FlatPitch(),
                new HalvingConverter(), new RecordingMixer(new SummingMixer()), (crossfade, search) -> {
                    throw new UnsupportedOperationException("streaming is not part of the RunPod API");
                }, List.of());
    }

    /** Opens {@link #rvc()} for whatever dir and device the worker asks; records nothing else. */
    EngineSource source() {
        return (dir, device) -> {
            opens.incrementAndGet();
            return rvc();
        };
    }

    int loadsOf(String model) {
        java.util.concurrent.atomic.AtomicInteger n = modelLoads.get(model);
        return n == null ? 0 : n.get();
    }

    /** Folders with a .pth, as the AICoverGen layout has them; the registry contract's messages. */
    private final class DirRegistry implements ModelRegistry {
        @Override
        public List<VoiceModelInfo> list() {
            try (Stream<Path> dirs = Files.list(modelsDir)) {
                return dirs.filter(Files::isDirectory).sorted().map(d -> pth(d).map(p -> info(d, p)))
                        .flatMap(Optional::stream).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public VoiceModelInfo resolve(ModelRef ref) {
            String name = ((ModelRef.ByName) ref).name();
            if (name.contains("/") || name.contains("..")) {
                throw new InvalidParameterException("voice_model", "must be a folder name, got '" + name + "'");
            }
            Path dir = modelsDir.resolve(name);
            if (!Files.isDirectory(dir)) {
                throw new ModelNotFoundException("Voice model not found: " + name + " (looked in " + modelsDir + ")");
            }
            return pth(dir).map(p -> info(dir, p))
                    .orElseThrow(() -> new ModelNotFoundException("No model file exists in " + dir));
        }

        private Optional<Path> pth(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.toString().endsWith(".pth")).findFirst();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private VoiceModelInfo info(Path dir, Path pth) {
            return new VoiceModelInfo(dir.getFileName().toString(), pth, Optional.empty(), 3);
        }
    }

    private static final class FlatPitch implements PitchExtractor {
        @Override
        public PitchTrack extract(float[] audio16k, PitchRequest request) {
            float[] f0 = new float[audio16k.length / 160];
            java.util.Arrays.fill(f0, 220f);
            return PitchTrack.wrap(f0, PitchTrack.RVC_FRAME_RATE);
        }
    }

    private final class HalvingConverter implements VoiceConverter {
        private final java.util.Set<String> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public VoiceProfile profile(VoiceModelInfo model) {
            if (loaded.add(model.name())) {
                modelLoads.computeIfAbsent(model.name(), m -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet();
            }
            return new VoiceProfile(MODEL_RATE, true, "v2", 1);
        }

        @Override
        public PreparedAudio prepare(float[] audio16k) {
            return PreparedAudio.wrap(audio16k.clone(), audio16k.clone(), 0);
        }

        @Override
        public AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams params) {
            conversions.add(params);
            if (params.speakerId() == NATIVE_CRASH_SID) {
                throw new UnsatisfiedLinkError("simulated native failure");
            }
            if (model.name().startsWith("slow")) {
                slowEntered.release();
                try {
                    if (slowSleep != null) {
                        Thread.sleep(slowSleep.toMillis());
                    } else if (!slowGate.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            float[] out = LinearResampler.resampleLinear(audio.filtered(), PreparedAudio.SAMPLE_RATE, MODEL_RATE);
            for (int i = 0; i < out.length; i++) {
                out[i] *= CONVERTER_GAIN;
            }
            return AudioClip.wrap(MODEL_RATE, out);
        }

        @Override
        public DeviceInfo device() {
            return device;
        }
    }

    /** Records what the cover asked of the mixer, then lets the real (or summing) mixer do it. */
    private final class RecordingMixer implements Mixer {
        private final Mixer delegate;

        RecordingMixer(Mixer delegate) {
            this.delegate = delegate;
        }

        @Override
        public AudioClip applyVocalEffects(AudioClip vocals, ReverbParams reverb) {
            reverbs.add(reverb);
            return delegate.applyVocalEffects(vocals, reverb);
        }

        @Override
        public AudioClip pitchShift(AudioClip audio, int semitones) {
            pitchShifts.add(semitones);
            return delegate.pitchShift(audio, semitones);
        }

        @Override
        public AudioClip mix(List<Stem> stems, int sampleRate, PeakPolicy policy) {
            mixes.add(stems);
            return delegate.mix(stems, sampleRate, policy);
        }
    }

    /** Effects and pitch shift left out, stems summed at their gains: simple enough to predict a mix exactly. */
    private static final class SummingMixer implements Mixer {
        @Override
        public AudioClip applyVocalEffects(AudioClip vocals, ReverbParams reverb) {
            return vocals;
        }

        @Override
        public AudioClip pitchShift(AudioClip audio, int semitones) {
            return audio;
        }

        @Override
        public AudioClip mix(List<Stem> stems, int sampleRate, PeakPolicy policy) {
            int n = 0;
            float[][] parts = new float[stems.size()][];
            for (int s = 0; s < stems.size(); s++) {
                AudioClip a = stems.get(s).audio().toMono();
                parts[s] = LinearResampler.resampleLinear(a.channel(0), a.sampleRate(), sampleRate);
                n = Math.max(n, parts[s].length);
            }
            float[] sum = new float[n];
            for (int s = 0; s < parts.length; s++) {
                float g = (float) Math.pow(10, stems.get(s).gainDb() / 20);
                for (int i = 0; i < parts[s].length; i++) {
                    sum[i] += g * parts[s][i];
                }
            }
            return AudioClip.wrap(sampleRate, sum, sum.clone());
        }
    }
}
