package io.rvc4j.dsp.cover;

import static io.rvc4j.dsp.AudioTools.read;
import static io.rvc4j.dsp.AudioTools.run;
import static io.rvc4j.dsp.TestSignals.db;
import static io.rvc4j.dsp.TestSignals.toneAmplitude;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.AudioSource;
import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.CoverParams;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.MixGains;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.PeakPolicy;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.model.PreparedAudio;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.core.port.in.CoverResult;
import io.rvc4j.core.port.in.GenerateCoverCommand;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.core.port.out.VoiceConverter;
import io.rvc4j.core.service.GenerateCoverService;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.dsp.mix.DspMixer;
import io.rvc4j.dsp.resample.SincResampler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GenerateCoverService with the real codec, mixer and resampler on files made by sox and lame; the voice model is a
 * fake that returns its 16 kHz input resampled to 40 kHz, so every level in the mix can be predicted.
 */
class GenerateCoverIT {
    private static final int MODEL_RATE = 40_000;
    private static final double VOICE_AMPLITUDE = 0.1; // -20 dBFS: under the compressor's -15 dB threshold
    private static final double INST_AMPLITUDE = 0.5;
    @TempDir
    static Path dir;
    private static final double BACKUP_AMPLITUDE = 0.3;
    static byte[] vocals;
    static byte[] instrumental;
    static byte[] backup;
    static byte[] speechMp3;

    private final SincResampler resampler = new SincResampler();
    private final FfmpegAudioCodec codec = new FfmpegAudioCodec();
    private final GenerateCoverService service = new GenerateCoverService(new FakeRegistry(), codec, resampler,
            new FakePitch(), new FakeConverter(resampler), new DspMixer(resampler));

    @BeforeAll
    static void makeStems() {
        // The "vocals": 3 s of 1 kHz, mono 44.1 kHz 16-bit WAV. The instrumental: 3 s of 220 Hz stereo, as MP3.
        Path v = dir.resolve("vocals.wav");
        run("sox", "-n", "-r", "44100", "-c", "1", "-b", "16", v.toString(), "synth", "3", "sine", "1000", "vol",
                Double.toString(VOICE_AMPLITUDE));
        Path iw = dir.resolve("inst.wav");
        run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", iw.toString(), "synth", "3", "sine", "220", "vol",
                Double.toString(INST_AMPLITUDE));
        Path im = dir.resolve("inst.mp3");
        run("lame", "--quiet", "-b", "256", iw.toString(), im.toString());
        // Backup vocals: 3 s of 660 Hz stereo FLAC. Speech: espeak-ng, encoded to MP3 by lame.
        Path bw = dir.resolve("backup.wav");
        run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", bw.toString(), "synth", "3", "sine", "660", "vol",
                Double.toString(BACKUP_AMPLITUDE));
        Path bf = dir.resolve("backup.flac");
        run("flac", "-s", "-f", "-o", bf.toString(), bw.toString());
        Path sw = dir.resolve("speech.wav");
        run("espeak-ng", "-w", sw.toString(), "This cover was made by a fake voice model in a test.");
        Path sm = dir.resolve("speech.mp3");
        run("lame", "--quiet", "-b", "128", sw.toString(), sm.toString());
        vocals = read(v);
        instrumental = read(im);
        backup = read(bf);
        speechMp3 = read(sm);
    }

    /**
     * With the reverb's wet level at 0 the vocal chain is linear for this quiet tone: HPF gain at 1 kHz
     * (1/sqrt(1 + (50/1000)^2)... exactly |H| of the first-order filter, -0.011 dB) times the dry gain 0.8 x 2 = 1.6.
     * The main stem then sits at -4 dB + main_gain, the backup at -6 dB + backup_gain, the instrumental at
     * -7 dB + inst_gain (AICoverGen's base levels).
     * Tolerance 0.1 dB: the 16 kHz round trip and the resamplers are flat to 0.001 dB, MP3 at 256k to about 0.05 dB.
     */
    @Test
    void mixes_a_wav_cover_at_aicovergen_levels_plus_the_gains() {
        CoverParams params = new CoverParams(ConversionParams.defaults(), 0, new ReverbParams(0.15, 0.0, 0.8, 0.7),
                new MixGains(2, 1, -3), OutputFormat.WAV, PeakPolicy.LIMIT);
        CoverResult result = service.generate(command(vocals, Optional.of(backup), params));
        assertThat(result.fileName()).isEqualTo("cover_testvoice.wav");
        assertThat(result.sampleRate()).isEqualTo(44100); // max(40 kHz model, 44.1 kHz)
        AudioClip mix = codec.decode(result.encoded(), DecodeSpec.NATIVE);
        assertThat(mix.sampleRate()).isEqualTo(44100);
        assertThat(mix.channelCount()).isEqualTo(2);
        assertThat(mix.durationSeconds()).isCloseTo(3.0, within(0.01));
        double hpf = hpfGainAt1k(MODEL_RATE);
        for (int c = 0; c < 2; c++) {
            float[] x = mix.channel(c);
            double voice = toneAmplitude(x, 44100, 88200, 1000, 44100);
            double inst = toneAmplitude(x, 44100, 88200, 220, 44100);
            double back = toneAmplitude(x, 44100, 88200, 660, 44100);
            assertThat(db(voice / (VOICE_AMPLITUDE * 1.6 * hpf))).isCloseTo(-4 + 2, within(0.1));
            assertThat(db(back / BACKUP_AMPLITUDE)).isCloseTo(-6 + 1, within(0.1));
            assertThat(db(inst / INST_AMPLITUDE)).isCloseTo(-7 - 3, within(0.1));
        }
    }

    @Test
    void makes_an_mp3_cover_of_espeak_speech_with_default_effects_and_an_overall_pitch_change() {
        CoverParams params = new CoverParams(ConversionParams.defaults(), 2, ReverbParams.defaults(), MixGains.unity(),
                OutputFormat.MP3, PeakPolicy.LIMIT);
        CoverResult result = service.generate(command(speechMp3, Optional.empty(), params));
        assertThat(result.fileName()).isEqualTo("cover_testvoice.mp3");
        AudioClip mix = codec.decode(result.encoded(), DecodeSpec.NATIVE);
        assertThat(mix.sampleRate()).isEqualTo(44100);
        // As long as the longest stem: the speech or the 3 s instrumental; MP3 keeps the length (gapless header).
        double speechSeconds = codec.decode(speechMp3, DecodeSpec.NATIVE).durationSeconds();
        assertThat(mix.durationSeconds()).isCloseTo(Math.max(3.0, speechSeconds), within(0.03));
        assertThat(result.durationSeconds()).isCloseTo(Math.max(3.0, speechSeconds), within(0.03));
        float[] left = mix.channel(0);
        // The instrumental moved up 2 semitones: 220 -> 246.94 Hz, still at -7 dB (WSOLA keeps a steady tone's level).
        double shifted = toneAmplitude(left, 44100, 88200, 220 * Math.pow(2, 2 / 12.0), 44100);
        assertThat(db(shifted / INST_AMPLITUDE)).isCloseTo(-7, within(0.3));
        assertThat(toneAmplitude(left, 44100, 88200, 220, 44100)).isLessThan(0.01);
        assertThat(mix.peak()).isLessThanOrEqualTo(1f);
    }

    private static GenerateCoverCommand command(byte[] voice, Optional<byte[]> backupVocals, CoverParams params) {
        return new GenerateCoverCommand(ModelRef.named("testvoice"), AudioSource.encoded(voice, "vocals"),
                AudioSource.encoded(instrumental, "inst.mp3"),
                backupVocals.map(b -> AudioSource.encoded(b, "backup.flac")), params);
    }

    /** |H(e^jw)| of JUCE's first-order 50 Hz high-pass at 1 kHz. */
    private static double hpfGainAt1k(int rate) {
        double n = Math.tan(Math.PI * 50 / rate);
        double b0 = 1 / (n + 1);
        double a1 = (n - 1) / (n + 1);
        double w = 2 * Math.PI * 1000 / rate;
        double numRe = b0 - b0 * Math.cos(w);
        double numIm = b0 * Math.sin(w);
        double denRe = 1 + a1 * Math.cos(w);
        double denIm = -a1 * Math.sin(w);
        return Math.hypot(numRe, numIm) / Math.hypot(denRe, denIm);
    }

    private static final class FakeRegistry implements ModelRegistry {
        private final VoiceModelInfo info = new VoiceModelInfo("testvoice", Path.of("testvoice.pth"), Optional.empty(), 0);

        @Override
        public List<VoiceModelInfo> list() {
            return List.of(info);
        }

        @Override
        public VoiceModelInfo resolve(ModelRef ref) {
            return info;
        }
    }

    private static final class FakePitch implements PitchExtractor {
        @Override
        public PitchTrack extract(float[] audio16k, PitchRequest request) {
            return PitchTrack.wrap(new float[audio16k.length / 160], PitchTrack.RVC_FRAME_RATE);
        }
    }

    /** Returns its input resampled to 40 kHz: a "model" whose output level and timing are known. */
    private static final class FakeConverter implements VoiceConverter {
        private final SincResampler resampler;

        FakeConverter(SincResampler resampler) {
            this.resampler = resampler;
        }

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
            return AudioClip.wrap(MODEL_RATE, resampler.resample(audio.filtered(), PreparedAudio.SAMPLE_RATE, MODEL_RATE));
        }

        @Override
        public DeviceInfo device() {
            return new DeviceInfo("cpu", false);
        }
    }
}
