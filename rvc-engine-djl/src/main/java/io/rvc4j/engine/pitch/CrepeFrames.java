package io.rvc4j.engine.pitch;

/**
 * CREPE's input framing as torchcrepe 0.0.20 {@code preprocess} does it with {@code pad=True}: 512 zeros on each
 * side, {@code 1 + n / hop} frames of 1024 samples, each mean-removed and divided by {@code max(1e-10, std)} with the
 * unbiased (n - 1) standard deviation.
 */
final class CrepeFrames {
    /** torchcrepe's floor on the frame's standard deviation; silent frames get huge values, as the network expects. */
    private static final double MIN_STD = 1e-10;

    private CrepeFrames() {}

    static int count(int samples, int hop) {
        return 1 + samples / hop;
    }

    /** Row-major [count, 1024] normalised frames. */
    static float[] frames(float[] audio, int hop) {
        return frames(audio, hop, 0, count(audio.length, hop));
    }

    /** Frames {@code first .. first + count - 1}, row-major [count, 1024]. */
    static float[] frames(float[] audio, int hop, int first, int count) {
        int w = DjlCrepeNet.WINDOW;
        int half = w / 2;
        float[] out = new float[Math.multiplyExact(count, w)];
        for (int f = 0; f < count; f++) {
            int start = (first + f) * hop - half;
            int base = f * w;
            double sum = 0;
            for (int k = 0; k < w; k++) {
                int i = start + k;
                float v = i >= 0 && i < audio.length ? audio[i] : 0f;
                out[base + k] = v;
                sum += v;
            }
            float mean = (float) (sum / w);
            double sq = 0;
            for (int k = 0; k < w; k++) {
                float c = out[base + k] - mean;
                out[base + k] = c;
                sq += (double) c * c;
            }
            float std = (float) Math.max(MIN_STD, Math.sqrt(sq / (w - 1)));
            for (int k = 0; k < w; k++) {
                out[base + k] /= std;
            }
        }
        return out;
    }
}
