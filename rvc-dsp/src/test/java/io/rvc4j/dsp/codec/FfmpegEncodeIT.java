package io.rvc4j.dsp.codec;

import static io.rvc4j.dsp.AudioTools.run;
import static io.rvc4j.dsp.TestSignals.db;
import static io.rvc4j.dsp.TestSignals.dominantFrequency;
import static io.rvc4j.dsp.TestSignals.rms;
import static io.rvc4j.dsp.TestSignals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Encode, decode back, compare; and check the files with the Debian tools. */
class FfmpegEncodeIT {
    private static final int RATE = 44100;
    private final FfmpegAudioCodec codec = new FfmpegAudioCodec();

    /** Two tones (440 Hz left, 660 Hz right) at -6 dBFS, 2 s, 44.1 kHz stereo. */
    private static AudioClip source() {
        return AudioClip.of(RATE, sine(440, 0.5, RATE, 2 * RATE), sine(660, 0.5, RATE, 2 * RATE));
    }

    /**
     * SNR of the round trip over the middle second. Thresholds: 16-bit PCM and FLAC quantise to about 92 dB for a
     * -6 dBFS sine (assert 85); float WAV is lossless (assert 140); MP3 192k and Opus 128k on pure tones measured at
     * ~40 dB and ~30 dB respectively here (assert 25 and 15: they are perceptual codecs, not waveform-exact).
     */
    @ParameterizedTest
    @CsvSource({"WAV,false,85", "WAV,true,140", "FLAC,false,85", "MP3,false,25", "OGG,false,15"})
    void round_trips_each_format_above_its_snr_threshold(OutputFormat format, boolean wavFloat, double minSnr) {
        FfmpegAudioCodec c = codec.with(CodecOptions.defaults().withWavFloat(wavFloat));
        AudioClip src = source();
        byte[] file = c.encode(src, format);
        AudioClip back = c.decode(file, new DecodeSpec(RATE, 2));
        assertThat(back.sampleRate()).isEqualTo(RATE);
        assertThat(back.frameCount()).isCloseTo(src.frameCount(), within(format == OutputFormat.OGG ? 64 : 0));
        for (int ch = 0; ch < 2; ch++) {
            double snr = snr(src.channel(ch), back.channel(ch), RATE / 2, RATE + RATE / 2);
            assertThat(snr).as("%s channel %d SNR", format, ch).isGreaterThan(minSnr);
        }
        assertThat(dominantFrequency(back.channel(1), RATE / 2, RATE + RATE / 2, RATE)).isCloseTo(660, within(0.5));
    }

    @Test
    void writes_16_bit_pcm_wav_by_default_and_float_on_request() {
        byte[] pcm = codec.encode(source(), OutputFormat.WAV);
        assertThat(new String(pcm, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(pcm, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        assertThat(pcm[20]).isEqualTo((byte) 1); // WAVE_FORMAT_PCM
        assertThat(pcm[34]).isEqualTo((byte) 16); // bits per sample
        assertThat(pcm.length).isCloseTo(44 + 2 * 2 * 2 * RATE, within(100));
        byte[] flt = codec.with(CodecOptions.defaults().withWavFloat(true)).encode(source(), OutputFormat.WAV);
        assertThat(flt[34]).isEqualTo((byte) 32);
    }

    @Test
    void writes_cbr_mp3_at_192k_by_default_and_vbr_on_request() {
        byte[] cbr = codec.encode(source(), OutputFormat.MP3);
        // 2 s at 192 kbit/s = 48 kB, plus the LAME/Info frame.
        assertThat(cbr.length).isBetween(46_000, 52_000);
        assertThat(indexOf(cbr, "Info")).isPositive(); // LAME marks CBR with an "Info" tag
        byte[] vbr = codec.with(CodecOptions.defaults().withMp3Vbr(2)).encode(source(), OutputFormat.MP3);
        assertThat(indexOf(vbr, "Xing")).isPositive(); // and VBR with "Xing"
        byte[] low = codec.with(CodecOptions.defaults().withMp3Cbr(64)).encode(source(), OutputFormat.MP3);
        assertThat(low.length).isBetween(15_000, 18_500);
    }

    /**
     * CBR at each bitrate the issue names: every MPEG-1 Layer III frame header (the LAME "Info" frame included)
     * carries the requested bitrate index, the frames tile the file exactly after the ID3v2 tag, and the size is
     * the bitrate times the coded length: 2 s plus LAME's encoder delay and final padding (at most 3 frames more).
     */
    @ParameterizedTest
    @CsvSource({"128", "192", "320"})
    void writes_cbr_mp3_whose_every_frame_header_carries_the_bitrate(int kbps) {
        byte[] mp3 = codec.with(CodecOptions.defaults().withMp3Cbr(kbps)).encode(source(), OutputFormat.MP3);
        int at = id3v2Size(mp3);
        int frames = 0;
        while (at + 4 <= mp3.length) {
            int h = ((mp3[at] & 0xFF) << 24) | ((mp3[at + 1] & 0xFF) << 16) | ((mp3[at + 2] & 0xFF) << 8)
                    | (mp3[at + 3] & 0xFF);
            assertThat(h >>> 21).as("frame sync at byte %d", at).isEqualTo(0x7FF);
            assertThat((h >>> 19) & 3).as("MPEG-1").isEqualTo(3);
            assertThat((h >>> 17) & 3).as("Layer III").isEqualTo(1);
            assertThat(MPEG1_L3_KBPS[(h >>> 12) & 0xF]).as("bitrate of frame %d", frames).isEqualTo(kbps);
            assertThat((h >>> 10) & 3).as("44.1 kHz").isEqualTo(0);
            at += 144 * kbps * 1000 / RATE + ((h >>> 9) & 1); // ISO 11172-3 frame length, with the padding bit
            frames++;
        }
        assertThat(at).as("frames end exactly at the end of the file").isEqualTo(mp3.length);
        assertThat(indexOf(mp3, "Info")).isPositive(); // LAME marks CBR with an "Info" tag
        // 2 s of audio = 76.6 frames of 1152; plus the Info frame, LAME's 576-sample delay and the last partial frame.
        assertThat(frames).isBetween(78, 80);
        double payload = kbps * 1000 / 8.0 * 2.0;
        assertThat((double) mp3.length).isBetween(payload, payload + 3.5 * 144 * kbps * 1000.0 / RATE + 200);
    }

    /** Layer III, MPEG-1: bitrate index -> kbit/s (ISO 11172-3, table 3-B.2). */
    private static final int[] MPEG1_L3_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1};

    private static int id3v2Size(byte[] data) {
        if (data.length < 10 || data[0] != 'I' || data[1] != 'D' || data[2] != '3') {
            return 0;
        }
        // Syncsafe size (7 bits per byte), excluding the 10-byte header.
        return 10 + ((data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F));
    }

    @Test
    void encodes_a_40k_mono_clip_as_mp3_at_the_next_rate_lame_supports() {
        AudioClip mono = AudioClip.mono(40000, sine(1000, 0.5, 40000, 40000));
        AudioClip back = codec.decode(codec.encode(mono, OutputFormat.MP3), DecodeSpec.NATIVE);
        assertThat(back.sampleRate()).isEqualTo(44100);
        assertThat(back.channelCount()).isEqualTo(1);
        assertThat(back.durationSeconds()).isCloseTo(1.0, within(0.001));
    }

    @Test
    void files_pass_the_debian_tools(@TempDir Path dir) throws Exception {
        Path flac = dir.resolve("out.flac");
        Files.write(flac, codec.encode(source(), OutputFormat.FLAC));
        run("flac", "-t", "-s", flac.toString());
        Path wav = dir.resolve("out.wav");
        Files.write(wav, codec.encode(source(), OutputFormat.WAV));
        run("sox", wav.toString(), "-n", "stat");
        Path mp3 = dir.resolve("out.mp3");
        Files.write(mp3, codec.encode(source(), OutputFormat.MP3));
        run("lame", "--quiet", "--decode", mp3.toString(), dir.resolve("back.wav").toString());
        Path ogg = dir.resolve("out.ogg");
        Files.write(ogg, codec.encode(source(), OutputFormat.OGG));
        run("ffprobe", "-v", "error", ogg.toString());
    }

    @Test
    void rejects_an_empty_clip() {
        assertThatThrownBy(() -> codec.encode(AudioClip.silence(RATE, 2, 0), OutputFormat.WAV))
                .isInstanceOf(InvalidAudioException.class);
    }

    @Test
    void decodes_and_encodes_concurrently_with_identical_results() throws Exception {
        byte[] mp3 = codec.encode(source(), OutputFormat.MP3);
        byte[] expected = codec.encode(codec.decode(mp3, DecodeSpec.RVC_INPUT), OutputFormat.FLAC);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> codec.encode(codec.decode(mp3, DecodeSpec.RVC_INPUT), OutputFormat.FLAC)));
            }
            for (Future<byte[]> f : results) {
                assertThat(Arrays.equals(f.get(), expected)).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    static double snr(float[] ref, float[] test, int from, int to) {
        double signal = 0;
        double noise = 0;
        for (int i = from; i < to; i++) {
            signal += (double) ref[i] * ref[i];
            double d = ref[i] - test[i];
            noise += d * d;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-30));
    }

    private static int indexOf(byte[] data, String tag) {
        byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + t.length <= Math.min(data.length, 4096); i++) {
            for (int j = 0; j < t.length; j++) {
                if (data[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
