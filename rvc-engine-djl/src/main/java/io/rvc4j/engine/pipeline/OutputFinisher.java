package io.rvc4j.engine.pipeline;

/**
 * The end of RVC's pipeline (reference note section 3.10 steps 2 and 4): the RMS envelope mix (librosa 0.9.1
 * {@code feature.rms} with zero padding, torch linear interpolation with {@code align_corners=False}) and the int16
 * finish (peak above 0.99 normalised to 0.99, scale 32768, truncation toward zero).
 */
final class OutputFinisher {
    /** {@code audio_max = max|y| / 0.99}. */
    static final float INT16_PEAK = 0.99f;
    static final float INT16_SCALE = 32768f;
    /** {@code torch.max(rms2, 1e-6)}. */
    static final double RMS_FLOOR = 1e-6;

    private OutputFinisher() {
    }

    /**
     * {@code change_rms(input, 16000, output, rate, mix)}: scales {@code output} in place by
     * {@code rms_in^(1-mix) · rms_out^(mix-1)}, both envelopes interpolated to the output length.
     */
    static void mixRms(float[] input16k, float[] output, int outputRate, double mix) {
        double[] r1 = interpolate(rms(input16k, PipelineConstants.SR), output.length);
        double[] r2 = interpolate(rms(output, outputRate), output.length);
        for (int i = 0; i < output.length; i++) {
            double gain = Math.pow(r1[i], 1 - mix) * Math.pow(Math.max(r2[i], RMS_FLOOR), mix - 1);
            output[i] = (float) (output[i] * gain);
        }
    }

    /** librosa {@code rms(y, frame_length=2·(sr//2), hop_length=sr//2)}, centred with zero padding. */
    static double[] rms(float[] y, int sampleRate) {
        int hop = sampleRate / 2;
        int frame = 2 * hop;
        int frames = 1 + y.length / hop;
        double[] out = new double[frames];
        for (int f = 0; f < frames; f++) {
            int start = f * hop - frame / 2;
            double acc = 0;
            for (int i = Math.max(0, start); i < Math.min(y.length, start + frame); i++) {
                acc += (double) y[i] * y[i];
            }
            out[f] = Math.sqrt(acc / frame);
        }
        return out;
    }

    /** {@code F.interpolate(x, size=n, mode="linear")} (align_corners False). */
    static double[] interpolate(double[] x, int n) {
        double[] out = new double[n];
        double scale = (double) x.length / n;
        for (int i = 0; i < n; i++) {
            double src = Math.max(0, (i + 0.5) * scale - 0.5);
            int i0 = (int) src;
            int i1 = Math.min(i0 + 1, x.length - 1);
            double lambda = src - i0;
            out[i] = (1 - lambda) * x[i0] + lambda * x[i1];
        }
        return out;
    }

    /**
     * The int16 samples RVC writes, returned as float ({@code int16 / 32768}) for an {@code AudioClip}: the values are
     * exactly what a 16-bit file of the reference holds, so encoding them to 16-bit again is lossless.
     */
    static float[] finishInt16(float[] y) {
        float peak = 0f;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        float max = peak / INT16_PEAK;
        float scale = max > 1f ? INT16_SCALE / max : INT16_SCALE;
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            int v = (int) (y[i] * scale);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v)) / INT16_SCALE;
        }
        return out;
    }
}
