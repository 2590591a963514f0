package io.rvc4j.engine.pitch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * RMVPE's front end ({@code MelSpectrogram(is_half=False, 128, 16000, 1024, 160, None, 30, 8000)} in RVC's
 * {@code infer/lib/rmvpe.py}): centred STFT with a periodic Hann window (reflect padding 512), magnitude, a 128-band
 * HTK-scale mel filterbank with Slaney area normalisation over 30..8000 Hz ({@code librosa.filters.mel(htk=True)}),
 * then {@code log(max(mel, 1e-5))}.
 */
final class RmvpeMel {
    static final int SAMPLE_RATE = 16_000;
    static final int N_FFT = 1024;
    static final int HOP = 160;
    static final int N_MELS = 128;
    static final double F_MIN = 30;
    static final double F_MAX = 8000;
    /** MelSpectrogram clamp before the log. */
    static final float CLAMP = 1e-5f;
    static final int BINS = N_FFT / 2 + 1;

    private final NDArray window;
    private final NDArray basis;

    RmvpeMel(StateDict constants) {
        this.window = constants.constant(hannPeriodic(N_FFT), N_FFT);
        this.basis = constants.constant(melBasis(), N_MELS, BINS);
    }

    /** Log-mel [1, 128, 1 + n / 160] of 16 kHz audio, on {@code m}. Needs more than 512 samples (reflect padding). */
    NDArray logMel(NDManager m, float[] audio) {
        NDArray x = m.create(audio, new Shape(1, audio.length));
        NDArray spec = x.stft(N_FFT, HOP, true, window, false, true);
        NDArray mag = spec.abs();
        NDArray b = basis.expandDims(0);
        b.attach(m);
        return b.matMul(mag).maximum(CLAMP).log();
    }

    /** torch.hann_window(n) (periodic): 0.5 - 0.5 cos(2 pi k / n). */
    static float[] hannPeriodic(int n) {
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            w[k] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * k / n));
        }
        return w;
    }

    /**
     * librosa 0.9.1 {@code filters.mel(sr=16000, n_fft=1024, n_mels=128, fmin=30, fmax=8000, htk=True)}, default
     * {@code norm="slaney"}: triangles between 130 HTK-mel-spaced edges, each scaled by 2 / (f[i+2] - f[i]).
     * Row-major [128, 513], computed in double and rounded to float like librosa's float32 output.
     */
    static float[] melBasis() {
        double[] fft = new double[BINS];
        for (int k = 0; k < BINS; k++) {
            fft[k] = (double) k * SAMPLE_RATE / N_FFT;
        }
        double melMin = hzToMel(F_MIN);
        double melMax = hzToMel(F_MAX);
        double[] edges = new double[N_MELS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(melMin + (melMax - melMin) * i / (N_MELS + 1));
        }
        float[] w = new float[N_MELS * BINS];
        for (int i = 0; i < N_MELS; i++) {
            double lowerWidth = edges[i + 1] - edges[i];
            double upperWidth = edges[i + 2] - edges[i + 1];
            float norm = (float) (2.0 / (edges[i + 2] - edges[i]));
            for (int k = 0; k < BINS; k++) {
                double lower = -(edges[i] - fft[k]) / lowerWidth;
                double upper = (edges[i + 2] - fft[k]) / upperWidth;
                float tri = (float) Math.max(0, Math.min(lower, upper));
                w[i * BINS + k] = tri * norm;
            }
        }
        return w;
    }

    private static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    private static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }
}
