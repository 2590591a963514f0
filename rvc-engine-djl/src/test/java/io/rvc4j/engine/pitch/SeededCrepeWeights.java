package io.rvc4j.engine.pitch;

import io.rvc4j.engine.io.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A torchcrepe-format CREPE state dict at any capacity with seeded weights, bit-identical to the ones
 * tools/reference/pitch/make_crepe_full_fixture.py builds (same counter-based splitmix64 generator, same scaling in
 * double, one rounding to float): element i of the k-th tensor (torchcrepe's key order, num_batches_tracked not
 * counted) is u in [-1, 1) from {@code splitmix64(seed_k + i * GOLDEN) >>> 40}.
 */
final class SeededCrepeWeights {
    static final long SEED = 20261122L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long STREAM = 0xD1B54A32D192ED03L;

    private SeededCrepeWeights() {
    }

    /** Output channels per conv layer of torchcrepe's Crepe: capacity x {32, 4, 4, 4, 8, 16} (32 = "full"). */
    static int[] channels(int capacity) {
        int[] factors = {32, 4, 4, 4, 8, 16};
        int[] out = new int[factors.length];
        for (int i = 0; i < factors.length; i++) {
            out[i] = capacity * factors[i];
        }
        return out;
    }

    /** The state dict in torchcrepe's key order. */
    static Map<String, TensorData> stateDict(int capacity) {
        Map<String, TensorData> sd = new LinkedHashMap<>();
        int[] ch = channels(capacity);
        int in = 1;
        int k = 0;
        for (int layer = 0; layer < ch.length; layer++) {
            String conv = "conv" + (layer + 1);
            int kernel = layer == 0 ? 512 : 64;
            int out = ch[layer];
            double gain = Math.sqrt(6.0 / ((double) in * kernel));
            sd.put(conv + ".weight", tensor(new long[] {out, in, kernel, 1}, k++, u -> u * gain));
            sd.put(conv + ".bias", tensor(new long[] {out}, k++, u -> 0.1 * u));
            sd.put(conv + "_BN.weight", tensor(new long[] {out}, k++, u -> 1.0 + 0.2 * u));
            sd.put(conv + "_BN.bias", tensor(new long[] {out}, k++, u -> 0.1 * u));
            sd.put(conv + "_BN.running_mean", tensor(new long[] {out}, k++, u -> 0.1 * u));
            sd.put(conv + "_BN.running_var", tensor(new long[] {out}, k++, u -> 1.0 + 0.5 * u));
            sd.put(conv + "_BN.num_batches_tracked", TensorData.of(TensorData.DType.I64, new long[0],
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)));
            in = out;
        }
        int features = 4 * in;
        double gain = Math.sqrt(3.0 / features);
        sd.put("classifier.weight", tensor(new long[] {360, features}, k++, u -> u * gain));
        sd.put("classifier.bias", tensor(new long[] {360}, k, u -> 0.1 * u));
        return sd;
    }

    private static TensorData tensor(long[] shape, int k, java.util.function.DoubleUnaryOperator scale) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        long seed = (k + 1L) * STREAM ^ SEED;
        for (int i = 0; i < v.length; i++) {
            double u = (splitmix(seed + i * GOLDEN) >>> 40) * 0x1p-23 - 1.0;
            v[i] = (float) scale.applyAsDouble(u);
        }
        return TensorData.ofFloats(shape, v);
    }

    private static long splitmix(long x) {
        long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
