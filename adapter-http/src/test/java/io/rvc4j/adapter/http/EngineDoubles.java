package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
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
import io.rvc4j.engine.Rvc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Small, exact stand-ins for the engine's out-ports. They make the HTTP tests about the adapter (routes, status codes,
 * message order, limits), not about neural parity: the "voice converter" returns its input resampled to 40 kHz, so an
 * output can be checked sample by sample against the input.
 */
final class EngineDoubles {
    static final int MODEL_RATE = 40_000;

    final Registry registry;
    final WavCodec codec = new WavCodec();
    final LinearResampler resampler = new LinearResampler();
    final EchoConverter converter = new EchoConverter();
    final SumMixer mixer = new SumMixer();
    final Rvc rvc;

    EngineDoubles(Path modelsDir) {
        this.registry = new Registry(modelsDir);
        this.rvc = new Rvc(registry, codec, resampler, new FlatPitch(), converter, mixer, new HeadStitcher(), List.of());
    }

    /** Lists the models directory on every call: folders holding a .pth, and flat .pth files. */
    static final class Registry implements ModelRegistry {
        private final Path dir;

        Registry(Path dir) {
            this.dir = dir;
        }

        @Override
        public List<VoiceModelInfo> list() {
            List<VoiceModelInfo> out = new ArrayList<>();
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : entries.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".")) {
                        continue;
                    }
                    if (Files.isDirectory(p)) {
                        try (Stream<Path> files = Files.list(p)) {
                            List<Path> all = files.sorted().toList();
                            Optional<Path> pth = all.stream().filter(f -> f.toString().endsWith(".pth")).findFirst();
                            Optional<Path> index = all.stream().filter(f -> f.toString().endsWith(".index")).findFirst();
                            if (pth.isPresent()) {
                                out.add(new VoiceModelInfo(n, pth.get(), index, Files.size(pth.get())));
                            }
                        }
                    } else if (n.endsWith(".pth")) {
                        out.add(new VoiceModelInfo(n.substring(0, n.length() - 4), p, Optional.empty(), Files.size(p)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.sort(Comparator.comparing(VoiceModelInfo::name));
            return out;
        }

        @Override
        public VoiceModelInfo resolve(ModelRef ref) {
            String name = ((ModelRef.ByName) ref).name();
            if (name.contains("/") || name.contains("\\") || name.contains("..")) {
                throw new InvalidParameterException("model_name", "must not contain path separators, got '" + name + "'");
            }
            return list().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                    new ModelNotFoundException("Voice model not found: " + name + " (looked in " + dir + ")"));
        }
    }

    /** 16-bit PCM WAV only; decoding resamples and downmixes as asked. */
    final class WavCodec implements AudioCodec {
        @Override
        public AudioClip decode(byte[] data, DecodeSpec spec) {
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            if (data.length < 44 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
                throw new InvalidAudioException("not a WAV file (" + data.length + " bytes)");
            }
            int channels = b.getShort(22);
            int rate = b.getInt(24);
            int frames = (data.length - 44) / (2 * channels);
            float[][] ch = new float[channels][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    ch[c][i] = b.getShort(44 + 2 * (i * channels + c)) / 32768f;
                }
            }
            AudioClip clip = AudioClip.wrap(rate, ch);
            if (spec.channels() == 1) {
                clip = clip.toMono();
            }
            if (spec.sampleRate() != 0 && spec.sampleRate() != rate) {
                float[][] out = new float[clip.channelCount()][];
                for (int c = 0; c < out.length; c++) {
                    out[c] = resampler.resample(clip.channel(c), rate, spec.sampleRate());
                }
                clip = AudioClip.wrap(spec.sampleRate(), out);
            }
            return clip;
        }

        @Override
        public byte[] encode(AudioClip clip, OutputFormat format) {
            return wav(clip.sampleRate(), clip.channel(0));
        }
    }

    static byte[] wav(int rate, float[] mono) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * mono.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * mono.length).putInt(0x45564157).putInt(0x20746d66).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).putInt(0x61746164).putInt(2 * mono.length);
        for (float v : mono) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
        }
        return b.array();
    }

    static float[] sine(int rate, double seconds, double hz, double amplitude) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Linear interpolation; output length round(n * to / from) as the port requires. */
    static final class LinearResampler implements Resampler {
        @Override
        public float[] resample(float[] x, int from, int to) {
            int n = (int) Math.round((double) x.length * to / from);
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                double t = (double) i * from / to;
                int k = (int) t;
                double f = t - k;
                float a = k < x.length ? x[k] : 0;
                float c = k + 1 < x.length ? x[k + 1] : a;
                y[i] = (float) (a + f * (c - a));
            }
            return y;
        }
    }

    static final class FlatPitch implements PitchExtractor {
        @Override
        public PitchTrack extract(float[] audio16k, PitchRequest request) {
            float[] f0 = new float[audio16k.length / 160];
            Arrays.fill(f0, 220f);
            return PitchTrack.wrap(f0, PitchTrack.RVC_FRAME_RATE);
        }
    }

    /**
     * Returns the 16 kHz input resampled to 40 kHz. {@link #hold} makes conversions wait (queue and shutdown tests);
     * {@link #started} counts conversions begun.
     */
    final class EchoConverter implements VoiceConverter {
        volatile CountDownLatch hold;
        /** When set, only conversions with this model wait on {@link #hold}. */
        volatile String heldModel;
        volatile RuntimeException failure;
        final AtomicInteger started = new AtomicInteger();
        volatile ConversionParams lastParams;

        @Override
        public VoiceProfile profile(VoiceModelInfo model) {
            return new VoiceProfile(MODEL_RATE, true, "v2", 1);
        }

        @Override
        public PreparedAudio prepare(float[] audio16k) {
            return PreparedAudio.wrap(audio16k.clone(), audio16k.clone(), 0);
        }

        @Override
        public AudioClip convert(VoiceModelInfo model, PreparedAudio audio, PitchTrack f0, ConversionParams params) {
            started.incrementAndGet();
            lastParams = params;
            if (failure != null) {
                throw failure;
            }
            CountDownLatch gate = hold;
            if (gate != null && (heldModel == null || heldModel.equals(model.name()))) {
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return AudioClip.wrap(MODEL_RATE, resampler.resample(audio.filtered(), PreparedAudio.SAMPLE_RATE, MODEL_RATE));
        }

        @Override
        public DeviceInfo device() {
            return new DeviceInfo("cpu", false);
        }
    }

    /** Passes vocals through, shifts nothing, sums the stems at the mix rate (mono). */
    final class SumMixer implements Mixer {
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
            List<float[]> parts = new ArrayList<>();
            for (Stem s : stems) {
                float[] x = resampler.resample(s.audio().monoSamples(), s.audio().sampleRate(), sampleRate);
                parts.add(x);
                n = Math.max(n, x.length);
            }
            float[] sum = new float[n];
            for (float[] x : parts) {
                for (int i = 0; i < x.length; i++) {
                    sum[i] += x[i];
                }
            }
            return AudioClip.wrap(sampleRate, sum);
        }
    }

    /** No crossfade: the first {@code outputFrames} of the tail, so output = input delayed by crossfade + search. */
    static final class HeadStitcher implements StreamStitcher {
        @Override
        public Splice open(int crossfadeFrames, int searchFrames) {
            return (tail, outputFrames) -> Arrays.copyOf(tail, outputFrames);
        }
    }
}
