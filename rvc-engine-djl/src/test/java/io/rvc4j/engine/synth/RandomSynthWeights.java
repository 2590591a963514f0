package io.rvc4j.engine.synth;

import io.rvc4j.engine.io.TensorData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A full synthesizer state dict with random values, built from a config with the key names and shapes of RVC's
 * checkpoints (reference note section 1.6), weight norm stored as weight_g / weight_v. Scales keep activations O(1).
 */
final class RandomSynthWeights {

    private final Map<String, TensorData> out = new LinkedHashMap<>();
    private final SplittableRandom rnd;

    private RandomSynthWeights(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    static Map<String, TensorData> build(SynthesizerConfig c, int speakers, long seed) {
        RandomSynthWeights w = new RandomSynthWeights(seed);
        int h = c.hiddenChannels();
        int inter = c.interChannels();
        int f = c.filterChannels();
        int k = c.kernelSize();
        int kc = h / c.heads();
        w.dense("enc_p.emb_phone.weight", h, c.phoneChannels());
        w.small("enc_p.emb_phone.bias", h);
        if (c.f0()) {
            w.scaled("enc_p.emb_pitch.weight", 0.5, 256, h);
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "enc_p.encoder.";
            for (String q : List.of("q", "k", "v", "o")) {
                w.dense(p + "attn_layers." + l + ".conv_" + q + ".weight", h, h, 1);
                w.small(p + "attn_layers." + l + ".conv_" + q + ".bias", h);
            }
            w.scaled(p + "attn_layers." + l + ".emb_rel_k", 1 / Math.sqrt(kc), 1, 21, kc);
            w.scaled(p + "attn_layers." + l + ".emb_rel_v", 1 / Math.sqrt(kc), 1, 21, kc);
            for (String n : List.of("norm_layers_1.", "norm_layers_2.")) {
                w.put(p + n + l + ".gamma", new long[] {h}, () -> 1 + 0.1 * w.rnd.nextGaussian());
                w.small(p + n + l + ".beta", h);
            }
            w.dense(p + "ffn_layers." + l + ".conv_1.weight", f, h, k);
            w.small(p + "ffn_layers." + l + ".conv_1.bias", f);
            w.dense(p + "ffn_layers." + l + ".conv_2.weight", h, f, k);
            w.small(p + "ffn_layers." + l + ".conv_2.bias", h);
        }
        w.dense("enc_p.proj.weight", 2 * inter, h, 1);
        w.small("enc_p.proj.bias", 2 * inter);
        for (int fl = 0; fl < DjlFlow.FLOWS; fl++) {
            String p = "flow.flows." + (2 * fl) + ".";
            w.dense(p + "pre.weight", h, inter / 2, 1);
            w.small(p + "pre.bias", h);
            for (int i = 0; i < DjlFlow.WN_LAYERS; i++) {
                w.normed(p + "enc.in_layers." + i, 2 * h, h, DjlFlow.WN_KERNEL);
                int ro = i < DjlFlow.WN_LAYERS - 1 ? 2 * h : h;
                w.normed(p + "enc.res_skip_layers." + i, ro, h, 1);
            }
            w.normed(p + "enc.cond_layer", 2 * h * DjlFlow.WN_LAYERS, c.ginChannels(), 1);
            w.dense(p + "post.weight", inter / 2, h, 1);
            w.small(p + "post.bias", inter / 2);
        }
        int c0 = c.upsampleInitialChannel();
        List<Integer> rates = c.upsampleRates();
        int n = rates.size();
        if (c.f0()) {
            w.put("dec.m_source.l_linear.weight", new long[] {1, 1}, () -> 2 + w.rnd.nextDouble());
            w.small("dec.m_source.l_linear.bias", 1);
        }
        w.dense("dec.conv_pre.weight", c0, inter, 7);
        w.small("dec.conv_pre.bias", c0);
        for (int i = 0; i < n; i++) {
            int cin = c0 >> i;
            int cout = c0 >> (i + 1);
            int ku = c.upsampleKernelSizes().get(i);
            w.normedTransposed("dec.ups." + i, cin, cout, ku, rates.get(i));
            if (c.f0()) {
                int s = rates.subList(i + 1, n).stream().reduce(1, (a, b) -> a * b);
                w.dense("dec.noise_convs." + i + ".weight", cout, 1, i + 1 < n ? 2 * s : 1);
                w.small("dec.noise_convs." + i + ".bias", cout);
            }
        }
        int kinds = c.resblockKernelSizes().size();
        for (int i = 0; i < n; i++) {
            int ch = c0 >> (i + 1);
            for (int j = 0; j < kinds; j++) {
                String p = "dec.resblocks." + (i * kinds + j) + ".";
                for (int d = 0; d < c.resblockDilationSizes().get(j).size(); d++) {
                    w.normed(p + "convs1." + d, ch, ch, c.resblockKernelSizes().get(j));
                    w.normed(p + "convs2." + d, ch, ch, c.resblockKernelSizes().get(j));
                }
            }
        }
        w.dense("dec.conv_post.weight", 1, c0 >> n, 7);
        w.dense("dec.cond.weight", c0, c.ginChannels(), 1);
        w.small("dec.cond.bias", c0);
        w.scaled("emb_g.weight", 0.5, speakers, c.ginChannels());
        return w.out;
    }

    private void put(String name, long[] shape, java.util.function.DoubleSupplier gen) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) gen.getAsDouble();
        }
        out.put(name, TensorData.ofFloats(shape, v));
    }

    private void scaled(String name, double scale, long... shape) {
        put(name, shape, () -> scale * rnd.nextGaussian());
    }

    private void small(String name, long... shape) {
        scaled(name, 0.1, shape);
    }

    /** Gaussian with std 1/sqrt(fan_in). */
    private void dense(String name, long... shape) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        scaled(name, 1 / Math.sqrt(fanIn), shape);
    }

    private void normed(String prefix, long out, long in, long k) {
        scaled(prefix + ".weight_v", 1 / Math.sqrt(in * k), out, in, k);
        gains(prefix, out);
        small(prefix + ".bias", out);
    }

    private void normedTransposed(String prefix, long in, long out, long k, long stride) {
        scaled(prefix + ".weight_v", 1 / Math.sqrt(in * (double) k / stride), in, out, k);
        gains(prefix, in);
        small(prefix + ".bias", out);
    }

    /** weight_g = |v| per row times U(0.75, 1.25), so the folded weight keeps v's scale. */
    private void gains(String prefix, long rows) {
        float[] v = out.get(prefix + ".weight_v").toFloatArray();
        int per = v.length / (int) rows;
        float[] g = new float[(int) rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = r * per; i < (r + 1) * per; i++) {
                s += (double) v[i] * v[i];
            }
            g[r] = (float) (Math.sqrt(s) * (0.75 + 0.5 * rnd.nextDouble()));
        }
        out.put(prefix + ".weight_g", TensorData.ofFloats(new long[] {rows, 1, 1}, g));
    }
}
