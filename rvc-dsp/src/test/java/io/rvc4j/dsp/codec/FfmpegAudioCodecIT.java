package io.rvc4j.dsp.codec;

import static io.rvc4j.dsp.AudioTools.ffmpeg;
import static io.rvc4j.dsp.AudioTools.read;
import static io.rvc4j.dsp.AudioTools.run;
import static io.rvc4j.dsp.AudioTools.soxSine;
import static io.rvc4j.dsp.TestSignals.db;
import static io.rvc4j.dsp.TestSignals.dominantFrequency;
import static io.rvc4j.dsp.TestSignals.rms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.dsp.TestSignals;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding real files made by the Debian tools, and the error cases. */
class FfmpegAudioCodecIT {
    @TempDir
    static Path dir;
    static Path wav;
    private final FfmpegAudioCodec codec = new FfmpegAudioCodec();

    @BeforeAll
    static void makeSource() {
        // 2 s of 440 Hz, stereo, 44.1 kHz, amplitude 0.5: the source of every format below.
        wav = soxSine(dir, "tone.wav", 44100, 2, 440, 2.0);
    }

    private static Path make(String format) {
        Path out = dir.resolve("tone." + format);
        switch (format) {
            case "flac" -> run("flac", "-s", "-f", "-o", out.toString(), wav.toString());
            case "mp3" -> run("lame", "--quiet", "-b", "192", wav.toString(), out.toString());
            case "ogg" -> run("oggenc", "-Q", "-q", "6", "-o", out.toString(), wav.toString());
            case "opus" -> ffmpeg("-i", wav.toString(), "-c:a", "libopus", "-b:a", "128k", out.toString());
            case "m4a" -> ffmpeg("-i", wav.toString(), "-c:a", "aac", "-b:a", "192k", out.toString());
            default -> {
                return wav;
            }
        }
        return out;
    }

    /**
     * Duration tolerances: WAV, FLAC, Vorbis and Opus are sample exact (the containers carry the length / pre-skip);
     * LAME's gapless header and AAC's edit list are honoured by FFmpeg, but allow one codec frame (1152 / 1024).
     */
    @ParameterizedTest
    @CsvSource({"wav,44100,0", "flac,44100,0", "mp3,44100,1152", "ogg,44100,0", "opus,48000,0", "m4a,44100,1024"})
    void decodes_each_format_at_its_native_rate_with_the_right_length_and_tone(String format, int rate, int slack) {
        AudioClip clip = codec.decode(read(make(format)), DecodeSpec.NATIVE);
        assertThat(clip.sampleRate()).isEqualTo(rate);
        assertThat(clip.channelCount()).isEqualTo(2);
        assertThat(clip.frameCount()).isCloseTo(2 * rate, within(slack));
        float[] left = clip.channel(0);
        // A 1 s window: the DTFT peak is good to far better than 0.5 Hz for a clean tone.
        assertThat(dominantFrequency(left, rate / 2, rate / 2 + rate, rate)).isCloseTo(440, within(0.5));
        // Level: -6 dBFS peak, RMS 0.354, within 0.5 dB for the lossy codecs.
        assertThat(db(rms(left, rate / 2, rate + rate / 2) / (0.5 / Math.sqrt(2)))).isCloseTo(0, within(0.5));
    }

    @ParameterizedTest
    @CsvSource({"wav", "mp3", "opus", "m4a"})
    void decodes_to_16k_mono_like_ffmpeg_ar_ac(String format) {
        AudioClip clip = codec.decode(read(make(format)), DecodeSpec.RVC_INPUT);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.channelCount()).isEqualTo(1);
        // swresample's output length may differ by its filter delay rounding: 2 ms.
        assertThat(clip.durationSeconds()).isCloseTo(2.0, within(format.equals("wav") ? 0.002 : 0.03));
        assertThat(dominantFrequency(clip.channel(0), 4000, 20000, 16000)).isCloseTo(440, within(0.5));
        // ffmpeg -ac 1 (swresample's default matrix) mixes L and R with 1/sqrt(2) each: identical channels gain 3 dB.
        assertThat(db(rms(clip.channel(0), 4000, 20000) / (0.5 / Math.sqrt(2)))).isCloseTo(3.01, within(0.5));
    }

    @Test
    void matches_the_ffmpeg_cli_when_resampling_a_wav_to_16k_mono() {
        Path ref = dir.resolve("ref16k.f32");
        ffmpeg("-i", wav.toString(), "-ar", "16000", "-ac", "1", "-f", "f32le", ref.toString());
        float[] expected = toFloats(read(ref));
        AudioClip clip = codec.decode(read(wav), DecodeSpec.RVC_INPUT);
        assertThat(clip.frameCount()).isEqualTo(expected.length);
        // Same libswresample defaults; different FFmpeg builds (Debian vs Bytedeco) may differ in SIMD rounding.
        assertThat(io.rvc4j.dsp.TestSignals.maxAbsDiff(clip.channel(0), expected)).isLessThan(1e-4);
    }

    /** Mono files at the extremes of common rates come back at their own rate, one channel, sample exact. */
    @ParameterizedTest
    @CsvSource({"8000,wav", "8000,flac", "96000,wav", "96000,flac"})
    void decodes_mono_at_its_own_rate(int rate, String format) {
        Path mono = soxSine(dir, "mono" + rate + "." + format, rate, 1, 1000, 1.5);
        AudioClip clip = codec.decode(read(mono), DecodeSpec.NATIVE);
        assertThat(clip.sampleRate()).isEqualTo(rate);
        assertThat(clip.channelCount()).isEqualTo(1);
        assertThat(clip.frameCount()).isEqualTo(rate * 3 / 2);
        assertThat(dominantFrequency(clip.channel(0), rate / 4, rate, rate)).isCloseTo(1000, within(0.5));
        // 16-bit sox sine at amplitude 0.5: RMS within 0.05 dB.
        assertThat(db(rms(clip.channel(0), rate / 4, rate) / (0.5 / Math.sqrt(2)))).isCloseTo(0, within(0.05));
    }

    /** Six channels, a different tone in each (sox: 5.1(side) FL FR FC LFE SL SR = 300..800 Hz). */
    private static Path sixChannelFlac() {
        Path six = dir.resolve("six.flac");
        run("sox", "-n", "-r", "48000", "-c", "6", "-b", "16", six.toString(), "synth", "1", "sine", "300", "sine",
                "400", "sine", "500", "sine", "600", "sine", "700", "sine", "800", "vol", "0.5");
        return six;
    }

    @Test
    void keeps_the_six_channels_of_a_flac_in_order() {
        AudioClip clip = codec.decode(read(sixChannelFlac()), DecodeSpec.NATIVE);
        assertThat(clip.sampleRate()).isEqualTo(48000);
        assertThat(clip.channelCount()).isEqualTo(6);
        assertThat(clip.frameCount()).isEqualTo(48000);
        for (int c = 0; c < 6; c++) {
            assertThat(dominantFrequency(clip.channel(c), 12000, 36000, 48000)).as("channel %d", c)
                    .isCloseTo(300 + 100 * c, within(0.5));
        }
    }

    /**
     * Mixed down to stereo with swresample's default matrix, as {@code ffmpeg -ac 2}: left carries FL, FC and SL,
     * right FR, FC and SR, the LFE is dropped (lfe_mix_level 0); and the samples equal the Debian ffmpeg CLI's.
     */
    @Test
    void mixes_a_six_channel_flac_down_to_stereo_like_ffmpeg_ac_2() {
        Path six = sixChannelFlac();
        AudioClip clip = codec.decode(read(six), new DecodeSpec(48000, 2));
        assertThat(clip.channelCount()).isEqualTo(2);
        assertThat(clip.frameCount()).isEqualTo(48000);
        float[] left = clip.channel(0);
        float[] right = clip.channel(1);
        double[] leftHas = {300, 500, 700};
        double[] rightHas = {400, 500, 800};
        for (double f : leftHas) {
            assertThat(TestSignals.toneAmplitude(left, 12000, 36000, f, 48000)).as("left %s Hz", f).isGreaterThan(0.1);
        }
        for (double f : rightHas) {
            assertThat(TestSignals.toneAmplitude(right, 12000, 36000, f, 48000)).as("right %s Hz", f).isGreaterThan(0.1);
        }
        for (double f : new double[] {400, 600, 800}) {
            assertThat(TestSignals.toneAmplitude(left, 12000, 36000, f, 48000)).as("left %s Hz", f).isLessThan(1e-3);
        }
        for (double f : new double[] {300, 600, 700}) {
            assertThat(TestSignals.toneAmplitude(right, 12000, 36000, f, 48000)).as("right %s Hz", f).isLessThan(1e-3);
        }
        Path ref = dir.resolve("six-ac2.f32");
        ffmpeg("-i", six.toString(), "-ac", "2", "-f", "f32le", ref.toString());
        float[] interleaved = toFloats(read(ref));
        assertThat(interleaved.length).isEqualTo(2 * 48000);
        float[] refLeft = new float[48000];
        float[] refRight = new float[48000];
        for (int i = 0; i < 48000; i++) {
            refLeft[i] = interleaved[2 * i];
            refRight[i] = interleaved[2 * i + 1];
        }
        // Same swresample matrix; SIMD rounding may differ between the Debian and Bytedeco builds.
        assertThat(TestSignals.maxAbsDiff(left, refLeft)).isLessThan(1e-5);
        assertThat(TestSignals.maxAbsDiff(right, refRight)).isLessThan(1e-5);
    }

    @Test
    void decodes_the_audio_track_of_a_video_file() {
        Path video = dir.resolve("video.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1.5", "-f", "lavfi", "-i",
                "sine=frequency=1000:sample_rate=48000:duration=1.5", "-c:v", "mpeg4", "-c:a", "aac", "-shortest",
                video.toString());
        AudioClip clip = codec.decode(read(video), DecodeSpec.NATIVE);
        assertThat(clip.sampleRate()).isEqualTo(48000);
        assertThat(clip.durationSeconds()).isCloseTo(1.5, within(0.05));
        assertThat(dominantFrequency(clip.channel(0), 12000, 60000, 48000)).isCloseTo(1000, within(0.5));
    }

    @Test
    void rejects_a_video_without_audio() {
        Path video = dir.resolve("silent.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1", "-c:v", "mpeg4", video.toString());
        assertThatThrownBy(() -> codec.decode(read(video), DecodeSpec.NATIVE))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("no audio stream")
                .hasMessageContaining("video mpeg4");
    }

    @Test
    void rejects_zero_bytes() {
        assertThatThrownBy(() -> codec.decode(new byte[0], DecodeSpec.NATIVE))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("empty");
    }

    @Test
    void rejects_random_bytes() {
        byte[] noise = new byte[50_000];
        new Random(7).nextBytes(noise);
        assertThatThrownBy(() -> codec.decode(noise, DecodeSpec.NATIVE)).isInstanceOf(InvalidAudioException.class);
    }

    /** Cut inside the headers (a WAV header is 44 bytes; 100 bytes of WAV would hold 14 valid frames). */
    @ParameterizedTest
    @CsvSource({"wav,40", "mp3,100", "flac,100", "ogg,100", "m4a,100"})
    void rejects_a_file_cut_inside_its_headers(String format, int bytes) {
        byte[] head = Arrays.copyOf(read(make(format)), bytes);
        assertThatThrownBy(() -> codec.decode(head, DecodeSpec.NATIVE)).isInstanceOf(InvalidAudioException.class);
    }

    /** Ogg Vorbis is left out: half of this small file is mostly its 4 kB setup header. */
    @ParameterizedTest
    @CsvSource({"wav", "mp3", "flac"})
    void decodes_what_a_file_cut_in_half_still_holds(String format) {
        byte[] all = read(make(format));
        AudioClip clip = codec.decode(Arrays.copyOf(all, all.length / 2), DecodeSpec.NATIVE);
        // About half of the 2 s; headers and codec frames make it inexact: 0.7..1.3 s.
        assertThat(clip.durationSeconds()).isBetween(0.7, 1.3);
    }

    @Test
    void rejects_a_file_longer_than_the_limit_before_decoding() {
        FfmpegAudioCodec strict = codec.with(CodecOptions.defaults().withLimits(1.5, Long.MAX_VALUE));
        assertThatThrownBy(() -> strict.decode(read(make("mp3")), DecodeSpec.NATIVE))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("is 2.0 s long, more than the limit of 1.5 s");
    }

    @Test
    void rejects_a_file_that_decodes_to_more_samples_than_the_cap() {
        FfmpegAudioCodec strict = codec.with(CodecOptions.defaults().withLimits(7200, 100_000));
        assertThatThrownBy(() -> strict.decode(read(wav), DecodeSpec.NATIVE))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("100000 samples");
    }

    /**
     * An MP3 whose LAME "Info" tag claims 16.7 million frames (about 121 hours): the declared duration is refused
     * before anything is decoded. (A WAV header that lies about its size is not such a case: FFmpeg clamps the
     * declared data size to the real file size and decodes what is there.)
     */
    @Test
    void rejects_a_header_declaring_more_than_two_hours_before_decoding() {
        byte[] mp3 = read(make("mp3")).clone();
        int tag = indexOf(mp3, "Info");
        assertThat(tag).as("LAME Info tag").isPositive();
        assertThat(mp3[tag + 7] & 1).as("frame count present").isEqualTo(1);
        mp3[tag + 8] = 0x00;
        mp3[tag + 9] = (byte) 0xFF;
        mp3[tag + 10] = (byte) 0xFF;
        mp3[tag + 11] = (byte) 0xFF;
        assertThatThrownBy(() -> codec.decode(mp3, DecodeSpec.NATIVE))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("s long, more than the limit of 7200.0 s");
    }

    /**
     * A real MP3 of {@code seconds} of 440 Hz made by ffmpeg's libmp3lame at 8 kHz mono, 8 kbit/s (7.2 MB for two
     * hours; about 5 s of CPU to make). The one just over two hours is the first one plus its own start, stream-copied.
     */
    private static Path longMp3(String name, double seconds) {
        Path under = dir.resolve("long-7199.mp3");
        if (!java.nio.file.Files.exists(under)) {
            ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=7199", "-c:a", "libmp3lame",
                    "-b:a", "8k", under.toString());
        }
        if (seconds <= 7199) {
            return under;
        }
        Path out = dir.resolve(name);
        ffmpeg("-stream_loop", "1", "-i", under.toString(), "-t", Double.toString(seconds), "-c", "copy",
                out.toString());
        return out;
    }

    @Test
    void refuses_a_real_mp3_just_over_two_hours_before_decoding() {
        byte[] mp3 = read(longMp3("long-7201.mp3", 7201));
        // The declared-duration message (the decoded-count check words it "decodes to more than ... frames").
        assertThatThrownBy(() -> codec.decode(mp3, DecodeSpec.RVC_INPUT))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessageMatching("the mp3 audio is 720[12]\\.\\d s long, more than the limit of 7200\\.0 s");
    }

    /**
     * Just under two hours decodes to RVC's 16 kHz mono: 115 million samples, 461 MB of float, about 0.9 GB of heap
     * at the peak (the failsafe JVM's default heap is a quarter of the machine's memory).
     */
    @Test
    void decodes_a_real_mp3_just_under_two_hours_to_16k_mono() {
        byte[] mp3 = read(longMp3("long-7199.mp3", 7199));
        AudioClip clip = codec.decode(mp3, DecodeSpec.RVC_INPUT);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.channelCount()).isEqualTo(1);
        // LAME's gapless tag is honoured: the length is exact to one MP3 frame (576 samples at 8 kHz = 1152 at 16k).
        assertThat(clip.frameCount()).isCloseTo(7199 * 16000, within(1152));
        float[] x = clip.channel(0);
        int lastHour = 7000 * 16000;
        // 8 kbit/s is a coarse codec, but a pure tone survives: 440 Hz within 0.5 Hz near the end of the file.
        assertThat(dominantFrequency(x, lastHour, lastHour + 16000, 16000)).isCloseTo(440, within(0.5));
    }

    /**
     * The same two hours decoded natively at 44.1 kHz stereo would take 635 million samples (2.5 GB): refused before
     * decoding by the sample cap, with the numbers, instead of running out of memory.
     */
    @Test
    void refuses_a_two_hour_decode_to_44k_stereo_over_the_memory_cap() {
        byte[] mp3 = read(longMp3("long-7199.mp3", 7199));
        assertThatThrownBy(() -> codec.decode(mp3, new DecodeSpec(44100, 2)))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessageContaining("decoded at 44100 Hz with 2 channels it would take")
                .hasMessageContaining("more than the cap of 268435456 samples (1.07 GB)");
    }

    @Test
    void decodes_what_a_wav_holds_when_its_header_claims_more() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 1600).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0xFFFFFFF0);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0xFFFFFFD0);
        assertThat(codec.decode(b.array(), DecodeSpec.NATIVE).frameCount()).isEqualTo(800);
    }

    private static int indexOf(byte[] data, String tag) {
        byte[] t = tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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

    /**
     * Bytes overwritten with garbage in the middle of each format: FFmpeg must either skip the damage and return
     * what it can (Ogg drops every page whose CRC fails, so little may remain) or report invalid audio; never crash
     * the JVM or throw anything else.
     */
    @ParameterizedTest
    @CsvSource({"wav", "mp3", "flac", "ogg", "opus", "m4a"})
    void survives_garbage_in_the_middle_of_a_file(String format) {
        byte[] data = read(make(format)).clone();
        Random r = new Random(format.hashCode());
        for (int k = 0; k < 20; k++) {
            int at = data.length / 4 + r.nextInt(data.length / 2);
            for (int i = 0; i < 64 && at + i < data.length; i++) {
                data[at + i] = (byte) r.nextInt(256);
            }
        }
        try {
            AudioClip clip = codec.decode(data, DecodeSpec.NATIVE);
            assertThat(clip.durationSeconds()).isGreaterThan(0).isLessThan(2.1);
        } catch (InvalidAudioException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void decodes_a_real_speech_file_from_espeak() {
        Path speech = dir.resolve("speech.wav");
        run("espeak-ng", "-w", speech.toString(), "This is a test of the audio codec.");
        AudioClip clip = codec.decode(read(speech), DecodeSpec.RVC_INPUT);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.durationSeconds()).isBetween(1.0, 5.0);
        assertThat(clip.peak()).isGreaterThan(0.05f);
    }

    static float[] toFloats(byte[] raw) {
        java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] x = new float[fb.remaining()];
        fb.get(x);
        return x;
    }
}
