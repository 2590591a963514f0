package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.out.AudioCodec;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.Resampler;
import io.rvc4j.core.port.out.VoiceConverter;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.dsp.mix.DspMixer;
import io.rvc4j.dsp.resample.SincResampler;
import io.rvc4j.dsp.stream.SolaStitcher;
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
 * The engine the HTTP tests run on: the real rvc-dsp parts (FFmpeg codec, sinc resampler, SOLA stitcher, mixer) around
 * small stand-ins for the neural parts. The tests are about the adapter (routes, status codes, message order, limits),
 * not neural parity: the "voice converter" returns its 16 kHz input resampled to 40 kHz, so an output can be checked
 * sample by sample against the input, and the pitch extractor reports a flat 220 Hz.
 */
final class EngineDoubles {
    static final int MODEL_RATE = 40_000;

    final Registry registry;
    final AudioCodec codec = new FfmpegAudioCodec();
    final Resampler resampler = new SincResampler();
    final EchoConverter converter = new EchoConverter();
    final Rvc rvc;

    EngineDoubles(Path modelsDir) {
        this.registry = new Registry(modelsDir);
        this.rvc = new Rvc(registry, codec, resampler, new FlatPitch(), converter, new DspMixer(resampler),
                new SolaStitcher(), List.of());
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

    /** A 16-bit PCM mono WAV file, written by hand so the tests do not depend on the codec under use to make input. */
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
}
