package io.rvc4j.dsp;

import static io.rvc4j.dsp.TestSignals.db;
import static io.rvc4j.dsp.TestSignals.dominantFrequency;
import static io.rvc4j.dsp.TestSignals.rms;
import static io.rvc4j.dsp.TestSignals.sine;
import static io.rvc4j.dsp.TestSignals.toneAmplitude;

import io.rvc4j.core.model.AudioClip;
import io.rvc4j.core.model.DecodeSpec;
import io.rvc4j.core.model.OutputFormat;
import io.rvc4j.core.model.ReverbParams;
import io.rvc4j.dsp.codec.CodecOptions;
import io.rvc4j.dsp.codec.FfmpegAudioCodec;
import io.rvc4j.dsp.effects.Freeverb;
import io.rvc4j.dsp.effects.VocalChain;
import io.rvc4j.dsp.mix.PeakLimiter;
import io.rvc4j.dsp.pitchshift.WsolaPitchShifter;
import io.rvc4j.dsp.resample.SincResampler;
import java.util.Locale;
import java.util.Random;

/**
 * Prints the measured figures of docs/dsp.md (not a test). Run from the repository root after test-compile:
 * {@code java -cp rvc-core/target/classes:rvc-dsp/target/classes:rvc-dsp/target/test-classes:<deps> io.rvc4j.dsp.DspFigures}.
 */
public final class DspFigures {
    private DspFigures() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        if (what.equals("all") || what.equals("resampler")) {
            resampler();
        }
        if (what.equals("all") || what.equals("pitch")) {
            pitch();
        }
        if (what.equals("all") || what.equals("reverb")) {
            reverb();
        }
        if (what.equals("all") || what.equals("limiter")) {
            limiter();
        }
        if (what.equals("all") || what.equals("speed")) {
            speed();
        }
        if (what.equals("all") || what.equals("cover")) {
            coverStage();
        }
    }

    static void resampler() {
        SincResampler r = new SincResampler();
        int[][] pairs = {{48000, 44100}, {44100, 16000}, {40000, 44100}, {48000, 16000}};
        for (int[] p : pairs) {
            int a = p[0];
            int b = p[1];
            double nyq = Math.min(a, b) / 2.0;
            double worst = 0;
            for (double f : new double[] {50, 1000, .3 * nyq, .6 * nyq, .8 * nyq, .9 * nyq}) {
                float[] y = r.resample(sine(f, 0.5, a, a), a, b);
                worst = Math.max(worst, Math.abs(db(toneAmplitude(y, b / 10, y.length - b / 10, f, b) / 0.5)));
            }
            String line = String.format(Locale.ROOT, "SincResampler %d->%d: passband %.5f dB", a, b, worst);
            if (b < a) {
                double leak = -400;
                for (double rel : new double[] {1.005, 1.05, 1.2, 1.5, 1.9}) {
                    double f = b / 2.0 * rel;
                    if (f >= a / 2.0) {
                        continue;
                    }
                    float[] y = r.resample(sine(f, 0.5, a, a), a, b);
                    leak = Math.max(leak, db(rms(y, b / 10, y.length - b / 10) / (0.5 / Math.sqrt(2)) + 1e-30));
                }
                float[] sweep = new float[a];
                double f0 = b / 2.0;
                double f1 = 0.99 * a / 2;
                for (int i = 0; i < a; i++) {
                    double t = (double) i / a;
                    sweep[i] = (float) (0.5 * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / 2)));
                }
                float[] y = r.resample(sweep, a, b);
                double sw = db(rms(y, b / 10, y.length - b / 10) / (0.5 / Math.sqrt(2)) + 1e-30);
                line += String.format(Locale.ROOT, ", worst alias %.1f dB, stopband sweep %.1f dB", leak, sw);
            }
            float[] minute = sine(440, 0.5, a, 60 * a);
            r.resample(minute, a, b);
            long t0 = cpu();
            r.resample(minute, a, b);
            double secs = (cpu() - t0) / 1e9;
            line += String.format(Locale.ROOT, ", speed %.0fx real time (one channel)", 60 / secs);
            System.out.println(line);
        }
    }

    static void pitch() {
        int rate = 44100;
        WsolaPitchShifter shifter = new WsolaPitchShifter(new SincResampler());
        AudioClip tone = AudioClip.mono(rate, sine(330, 0.5, rate, 2 * rate));
        float[] burst = new float[3 * rate];
        System.arraycopy(sine(500, 0.5, rate, rate), 0, burst, rate, rate);
        AudioClip onsetClip = AudioClip.mono(rate, burst);
        AudioClip twoTone = twoTone(rate);
        System.out.printf(Locale.ROOT, "analyser floor (unshifted): tone THD+N %.1f dB, spur %.1f dBc; two-tone IMD3 "
                + "%.1f dBc, TD+N %.1f dB%n", toneThdN(tone.channel(0), rate, 330),
                toneSpur(tone.channel(0), rate, 330), imd3(twoTone.channel(0), rate, 1), twoToneThdN(twoTone.channel(0),
                rate, 1));
        System.out.println("semitones | cents error (330 Hz) | length error (frames) | onset shift (ms) | THD+N (dB) "
                + "| worst spur (dBc) | two-tone IMD3 (dBc) | two-tone TD+N (dB) | SoX pitch: THD+N | spur | IMD3 | TD+N");
        for (int s = -12; s <= 12; s++) {
            if (s == 0) {
                continue;
            }
            double r = Math.pow(2, s / 12.0);
            AudioClip out = shifter.shift(tone, s);
            double f = dominantFrequency(out.channel(0), rate / 2, rate + rate / 2, rate);
            double cents = 1200 * Math.log(f / (330 * r)) / Math.log(2);
            float[] y = shifter.shift(onsetClip, s).channel(0);
            int onset = 0;
            while (onset < y.length && Math.abs(y[onset]) < 0.05) {
                onset++;
            }
            float[] tt = shifter.shift(twoTone, s).channel(0);
            float[] soxTone = soxPitch(tone, s);
            float[] soxTwo = soxPitch(twoTone, s);
            System.out.printf(Locale.ROOT, "%+d | %+.3f | %d | %+.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | "
                    + "%.1f%n", s, cents, out.frameCount() - tone.frameCount(), 1000.0 * (onset - rate) / rate,
                    toneThdN(out.channel(0), rate, 330 * r), toneSpur(out.channel(0), rate, 330 * r),
                    imd3(tt, rate, r), twoToneThdN(tt, rate, r), toneThdN(soxTone, rate, 330 * r),
                    toneSpur(soxTone, rate, 330 * r), imd3(soxTwo, rate, r), twoToneThdN(soxTwo, rate, r));
        }
        AudioClip minute = AudioClip.of(rate, sine(330, 0.5, rate, 60 * rate), sine(440, 0.5, rate, 60 * rate));
        shifter.shift(minute, 3);
        long t0 = cpu();
        shifter.shift(minute, 3);
        System.out.printf(Locale.ROOT, "WSOLA pitch shift, 60 s stereo 44.1 kHz: %.0fx real time%n",
                60 / ((cpu() - t0) / 1e9));
    }

    /** Analysis span of the pitch-shift artefact figures: 65536 samples (1.49 s) from 0.25 s of a 2 s clip. */
    static final int ARTEFACT_FROM = 11025;
    static final int ARTEFACT_SPAN = 1 << 16;
    /**
     * Two-tone test: A4 + C#5 (440 Hz and 554.37 Hz, an equal-tempered major third), 0.25 each (-6 dBFS peak), 2 s;
     * IMD3 at 2a - b = 325.6 Hz and 2b - a = 668.7 Hz. (A pair with a short common period that is a whole number of
     * samples, such as 400 + 500 Hz at 44.1 kHz, lets WSOLA splice without any error and hides the artefacts.)
     */
    static final double TONE_A = 440;
    static final double TONE_B = 440 * Math.pow(2, 4 / 12.0);

    /** AICoverGen's shifter: the Debian sox CLI, {@code pitch <cents>} (default options), on float WAV files. */
    public static float[] soxPitch(AudioClip clip, int semitones) {
        FfmpegAudioCodec codec = new FfmpegAudioCodec(CodecOptions.defaults().withWavFloat(true));
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sox-pitch");
            java.nio.file.Path in = dir.resolve("in.wav");
            java.nio.file.Path out = dir.resolve("out.wav");
            java.nio.file.Files.write(in, codec.encode(clip, OutputFormat.WAV));
            AudioTools.run("sox", in.toString(), "-e", "floating-point", out.toString(), "pitch",
                    Integer.toString(100 * semitones));
            float[] y = codec.decode(AudioTools.read(out), DecodeSpec.NATIVE).channel(0);
            java.nio.file.Files.delete(in);
            java.nio.file.Files.delete(out);
            java.nio.file.Files.delete(dir);
            return y;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static AudioClip twoTone(int rate) {
        float[] a = sine(TONE_A, 0.25, rate, 2 * rate);
        float[] b = sine(TONE_B, 0.25, rate, 2 * rate);
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return AudioClip.mono(rate, a);
    }

    public static double toneThdN(float[] y, int rate, double f) {
        return new ToneSpectrum(y, ARTEFACT_FROM, ARTEFACT_SPAN, rate).thdPlusNoiseDb(f);
    }

    public static double toneSpur(float[] y, int rate, double f) {
        return new ToneSpectrum(y, ARTEFACT_FROM, ARTEFACT_SPAN, rate).worstSpuriousDbc(f);
    }

    /** The stronger third-order product (2a - b or 2b - a, after the shift by r) relative to the tones. */
    public static double imd3(float[] y, int rate, double r) {
        ToneSpectrum sp = new ToneSpectrum(y, ARTEFACT_FROM, ARTEFACT_SPAN, rate);
        return Math.max(sp.levelDbc(r * (2 * TONE_A - TONE_B), r * TONE_A),
                sp.levelDbc(r * (2 * TONE_B - TONE_A), r * TONE_B));
    }

    public static double twoToneThdN(float[] y, int rate, double r) {
        return new ToneSpectrum(y, ARTEFACT_FROM, ARTEFACT_SPAN, rate).thdPlusNoiseDb(r * TONE_A, r * TONE_B);
    }

    static void reverb() {
        int rate = 44100;
        System.out.println("room | damping | RT60 (s), Schroeder T30 x 2, wet only, 44.1 kHz mono");
        for (double damping : new double[] {0.7, 0.0}) {
            for (double room : new double[] {0.0, 0.15, 0.3, 0.5, 0.7, 0.85, 1.0}) {
                float[] x = new float[30 * rate];
                x[0] = 1f;
                new Freeverb(rate, new ReverbParams(room, 1.0, 0.0, damping), true).processMono(x);
                double[] edc = new double[x.length];
                double acc = 0;
                for (int i = x.length - 1; i >= 0; i--) {
                    acc += (double) x[i] * x[i];
                    edc[i] = acc;
                }
                int i5 = -1;
                int i35 = -1;
                for (int i = 0; i < x.length; i++) {
                    double level = 10 * Math.log10(edc[i] / edc[0]);
                    if (i5 < 0 && level <= -5) {
                        i5 = i;
                    }
                    if (i35 < 0 && level <= -35) {
                        i35 = i;
                        break;
                    }
                }
                double rt60 = i35 < 0 ? Double.NaN : 2.0 * (i35 - i5) / rate;
                System.out.printf(Locale.ROOT, "%.2f | %.1f | %.2f%n", room, damping, rt60);
            }
        }
        AudioClip minute = AudioClip.mono(rate, sine(330, 0.3, rate, 60 * rate));
        VocalChain chain = new VocalChain();
        chain.apply(minute, ReverbParams.defaults());
        long t0 = cpu();
        chain.apply(minute, ReverbParams.defaults());
        System.out.printf(Locale.ROOT, "vocal chain (HPF+compressor+reverb), 60 s mono 44.1 kHz: %.0fx real time%n",
                60 / ((cpu() - t0) / 1e9));
    }

    static void limiter() {
        int rate = 44100;
        PeakLimiter limiter = new PeakLimiter();
        float[] x = sine(200, 0.3, rate, rate);
        int burst = rate / 2;
        for (int i = burst; i < burst + 441; i++) {
            x[i] *= 5;
        }
        float[] y = x.clone();
        limiter.process(new float[][] {y}, rate);
        double ceilingDb = db(limiter.ceiling());
        float peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        int firstTouched = -1;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != x[i]) {
                firstTouched = i;
                break;
            }
        }
        int recovered = -1;
        for (int i = burst + 441; i < rate; i++) {
            boolean ok = true;
            for (int j = i; j < Math.min(rate, i + 220); j++) {
                if (x[j] != 0 && Math.abs(db(Math.abs(y[j] / x[j]))) > 0.1 && Math.abs(x[j]) > 0.05) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                recovered = i;
                break;
            }
        }
        System.out.printf(Locale.ROOT, "limiter: ceiling %.2f dBFS; input peak %.2f dBFS -> output peak %.3f dBFS; "
                + "gain starts falling %.1f ms before the burst; back within 0.1 dB %.0f ms after it%n", ceilingDb,
                db(1.5), db(peak), 1000.0 * (burst - firstTouched) / rate, 1000.0 * (recovered - burst - 441) / rate);
    }

    static void speed() {
        int rate = 44100;
        Random rnd = new Random(1);
        float[] l = sine(440, 0.4, rate, 60 * rate);
        float[] r = sine(660, 0.4, rate, 60 * rate);
        for (int i = 0; i < l.length; i++) {
            l[i] += (float) (rnd.nextGaussian() * 0.05);
            r[i] += (float) (rnd.nextGaussian() * 0.05);
        }
        AudioClip clip = AudioClip.of(rate, l, r);
        for (boolean flt : new boolean[] {false, true}) {
            FfmpegAudioCodec codec = new FfmpegAudioCodec(CodecOptions.defaults().withWavFloat(flt));
            for (OutputFormat f : OutputFormat.values()) {
                if (flt && f != OutputFormat.WAV) {
                    continue;
                }
                codec.encode(clip, f);
                long t0 = cpu();
                byte[] enc = codec.encode(clip, f);
                double te = (cpu() - t0) / 1e9;
                codec.decode(enc, DecodeSpec.NATIVE);
                t0 = cpu();
                AudioClip back = codec.decode(enc, new DecodeSpec(rate, 2));
                double td = (cpu() - t0) / 1e9;
                t0 = cpu();
                codec.decode(enc, DecodeSpec.RVC_INPUT);
                double t16 = (cpu() - t0) / 1e9;
                double snr = Math.min(snr(l, back.channel(0)), snr(r, back.channel(1)));
                System.out.printf(Locale.ROOT, "%s%s: %d bytes; encode %.0fx, decode %.0fx, decode to 16k mono %.0fx "
                        + "real time; round-trip SNR %.1f dB%n", f, flt ? " (float)" : "", enc.length, 60 / te, 60 / td,
                        60 / t16, snr);
            }
        }
    }

    /** The cover's DSP for a 3-minute song: 40 kHz mono vocal, 44.1 kHz stereo instrumental and backup. */
    static void coverStage() {
        int seconds = 180;
        AudioClip vocal = AudioClip.mono(40000, sine(220, 0.3, 40000, seconds * 40000));
        AudioClip inst = AudioClip.of(44100, sine(110, 0.3, 44100, seconds * 44100), sine(165, 0.3, 44100, seconds * 44100));
        io.rvc4j.dsp.mix.DspMixer mixer = new io.rvc4j.dsp.mix.DspMixer(new SincResampler());
        FfmpegAudioCodec codec = new FfmpegAudioCodec();
        mixer.mix(java.util.List.of(new io.rvc4j.core.model.Stem(io.rvc4j.core.model.Stem.Role.MAIN_VOCALS, vocal, -4)),
                44100, io.rvc4j.core.model.PeakPolicy.LIMIT);
        long t0 = cpu();
        AudioClip fx = mixer.applyVocalEffects(vocal, ReverbParams.defaults());
        long t1 = cpu();
        AudioClip shiftedInst = mixer.pitchShift(inst, 2);
        AudioClip shiftedBackup = mixer.pitchShift(inst, 2);
        long t2 = cpu();
        AudioClip mix = mixer.mix(java.util.List.of(
                new io.rvc4j.core.model.Stem(io.rvc4j.core.model.Stem.Role.MAIN_VOCALS, fx, -4),
                new io.rvc4j.core.model.Stem(io.rvc4j.core.model.Stem.Role.BACKUP_VOCALS, shiftedBackup, -6),
                new io.rvc4j.core.model.Stem(io.rvc4j.core.model.Stem.Role.INSTRUMENTAL, shiftedInst, -7)),
                44100, io.rvc4j.core.model.PeakPolicy.LIMIT);
        long t3 = cpu();
        codec.encode(mix, OutputFormat.MP3);
        long t4 = cpu();
        System.out.printf(Locale.ROOT, "3-minute cover DSP (CPU s): vocal chain %.2f, pitch shift x2 stems %.2f, "
                + "mix+limiter %.2f, mp3 encode %.2f%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                (t4 - t3) / 1e9);
    }

    /** CPU time of this thread: the shared build machine is heavily loaded, wall time would mostly measure others. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double snr(float[] ref, float[] test) {
        double s = 0;
        double n = 0;
        for (int i = ref.length / 10; i < ref.length * 9 / 10; i++) {
            s += (double) ref[i] * ref[i];
            double d = ref[i] - (i < test.length ? test[i] : 0);
            n += d * d;
        }
        return 10 * Math.log10(s / n);
    }
}
