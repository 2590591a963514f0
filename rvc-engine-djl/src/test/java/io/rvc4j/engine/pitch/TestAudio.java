package io.rvc4j.engine.pitch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real test signals made by sox and espeak-ng at test time, and a reference f0 for speech (YIN). */
final class TestAudio {
    private TestAudio() {}

    static boolean has(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + command).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    /** A 16 kHz mono 16-bit WAV made by sox {@code synth}, e.g. {@code sine 440}. */
    static float[] soxTone(Path dir, double seconds, String wave, double hz) throws IOException, InterruptedException {
        Path wav = dir.resolve(wave + "-" + hz + ".wav");
        run(List.of("sox", "-n", "-r", "16000", "-b", "16", "-c", "1", wav.toString(), "synth",
                String.valueOf(seconds), wave, String.valueOf(hz), "vol", "0.5"));
        return readWav16(wav);
    }

    /** espeak-ng speech resampled to 16 kHz mono by sox. */
    static float[] espeak(Path dir, String voice, int pitch, String text) throws IOException, InterruptedException {
        Path raw = dir.resolve("espeak-" + voice + pitch + ".wav");
        Path wav = dir.resolve("espeak-" + voice + pitch + "-16k.wav");
        run(List.of("espeak-ng", "-v", voice, "-s", "40", "-p", String.valueOf(pitch), "-w", raw.toString(), text));
        run(List.of("sox", raw.toString(), "-r", "16000", "-b", "16", "-c", "1", wav.toString()));
        return readWav16(wav);
    }

    /** PCM 16-bit mono WAV samples as floats in [-1, 1). */
    static float[] readWav16(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        while (b.remaining() >= 8) {
            int id = b.getInt();
            int size = b.getInt();
            if (id == 0x61746164) { // "data"
                int n = Math.min(size, b.remaining()) / 2;
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort() / 32768f;
                }
                return out;
            }
            b.position(b.position() + size + (size & 1));
        }
        throw new IOException("no data chunk in " + wav);
    }

    /**
     * YIN (de Cheveigné and Kawahara 2002) at RVC's frames: cumulative-mean-normalised difference over a 640-sample
     * (40 ms) window centred on frame t * 160, first dip under 0.2 refined by a parabola; NaN where no dip is that
     * clear. On espeak-ng vowels these settings agree with librosa's pYIN to a median of 3-4 cents (measured).
     */
    static double[] yin(float[] x, int frames, double fmin, double fmax) {
        int window = 640;
        int minLag = (int) Math.floor(16000 / fmax);
        int maxLag = (int) Math.ceil(16000 / fmin);
        double[] f0 = new double[frames];
        double[] d = new double[maxLag + 2];
        for (int t = 0; t < frames; t++) {
            f0[t] = Double.NaN;
            int start = t * 160 - window / 2;
            if (start < 0 || start + window + maxLag + 1 >= x.length) {
                continue;
            }
            double running = 0;
            d[0] = 1;
            for (int lag = 1; lag <= maxLag + 1; lag++) {
                double s = 0;
                for (int i = 0; i < window; i++) {
                    double diff = x[start + i] - x[start + i + lag];
                    s += diff * diff;
                }
                running += s;
                d[lag] = running == 0 ? 1 : s * lag / running;
            }
            for (int lag = minLag; lag <= maxLag; lag++) {
                if (d[lag] < 0.2) {
                    while (lag + 1 <= maxLag && d[lag + 1] < d[lag]) {
                        lag++;
                    }
                    double a = d[lag - 1];
                    double b = d[lag];
                    double c = d[lag + 1];
                    double den = a - 2 * b + c;
                    double shift = den == 0 ? 0 : 0.5 * (a - c) / den;
                    f0[t] = 16000 / (lag + shift);
                    break;
                }
            }
        }
        return f0;
    }

    static double median(double[] v, int n) {
        double[] s = java.util.Arrays.copyOf(v, n);
        java.util.Arrays.sort(s);
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
