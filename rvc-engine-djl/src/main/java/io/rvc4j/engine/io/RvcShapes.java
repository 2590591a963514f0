package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a generator state dict says about itself: feature version from the phone embedding, pitch guidance from the
 * pitch embedding, and the sample rate from the upsampler kernels (and, for f0 models, the noise-conv kernels, which
 * are twice the remaining upsampling). Used for training checkpoints, which carry no config (rvc-reference.md 1.7);
 * the defaults are RVC's per-rate configs (1.3).
 */
final class RvcShapes {

    /** Phone feature width of v1 (HuBERT final_proj) and v2 (layer 12) models. */
    private static final int V1_PHONE = 256;
    private static final int V2_PHONE = 768;

    /** The six RVC configurations: version, rate, upsample rates, upsample kernels (rvc-reference.md 1.3). */
    private record Preset(String version, int sr, List<Integer> rates, List<Integer> kernels) {
    }

    private static final List<Preset> PRESETS = List.of(
            new Preset("v1", 32000, List.of(10, 4, 2, 2, 2), List.of(16, 16, 4, 4, 4)),
            new Preset("v1", 40000, List.of(10, 10, 2, 2), List.of(16, 16, 4, 4)),
            new Preset("v1", 48000, List.of(10, 6, 2, 2, 2), List.of(16, 16, 4, 4, 4)),
            new Preset("v2", 32000, List.of(10, 8, 2, 2), List.of(20, 16, 4, 4)),
            new Preset("v2", 40000, List.of(10, 10, 2, 2), List.of(16, 16, 4, 4)),
            new Preset("v2", 48000, List.of(12, 10, 2, 2), List.of(24, 20, 4, 4)));

    private RvcShapes() {
    }

    /** "v1" or "v2" from {@code enc_p.emb_phone.weight} ([192, C]), or null when the tensor is absent. */
    static String version(Map<String, TensorData> w, String source) {
        TensorData phone = w.get("enc_p.emb_phone.weight");
        if (phone == null) {
            return null;
        }
        long c = phone.rank() == 2 ? phone.shape()[1] : -1;
        if (c == V1_PHONE) {
            return "v1";
        }
        if (c == V2_PHONE) {
            return "v2";
        }
        throw new InvalidModelFileException(source + ": enc_p.emb_phone.weight takes " + c
                + "-d features; RVC v1 uses 256 and v2 768");
    }

    static boolean pitchGuided(Map<String, TensorData> w) {
        return w.containsKey("enc_p.emb_pitch.weight");
    }

    /** The default config for a training checkpoint, with the rate inferred from the decoder's shapes. */
    static RvcConfig inferConfig(Map<String, TensorData> w, int speakers, String source) {
        String version = version(w, source);
        if (version == null) {
            throw new InvalidModelFileException(source + ": neither a config nor enc_p.emb_phone.weight; cannot tell "
                    + "the model version");
        }
        List<Integer> kernels = new ArrayList<>();
        List<Integer> noise = new ArrayList<>();
        for (int i = 0; w.containsKey("dec.ups." + i + ".weight_v") || w.containsKey("dec.ups." + i + ".weight"); i++) {
            TensorData up = w.getOrDefault("dec.ups." + i + ".weight_v", w.get("dec.ups." + i + ".weight"));
            kernels.add(lastDim(up, "dec.ups." + i, source));
            TensorData nc = w.get("dec.noise_convs." + i + ".weight");
            noise.add(nc == null ? null : lastDim(nc, "dec.noise_convs." + i, source));
        }
        List<Preset> matches = new ArrayList<>();
        for (Preset p : PRESETS) {
            if (p.version.equals(version) && p.kernels.equals(kernels) && noiseMatches(p.rates, noise)) {
                matches.add(p);
            }
        }
        if (matches.size() != 1) {
            throw new InvalidModelFileException(source + ": training checkpoint without a config, and its decoder "
                    + "(upsample kernels " + kernels + ") " + (matches.isEmpty() ? "matches no" : "matches several")
                    + " RVC " + version + " sample rate" + (matches.isEmpty() ? "" : "s " + matches.stream()
                            .map(p -> p.sr).toList()) + "; extract a small model with its rate first");
        }
        Preset p = matches.get(0);
        int spec = p.sr == 32000 ? 513 : 1025;
        return new RvcConfig(spec, 32, 192, 192, 768, 2, 6, 3, 0.0, "1", List.of(3, 7, 11),
                List.of(List.of(1, 3, 5), List.of(1, 3, 5), List.of(1, 3, 5)), p.rates, 512, p.kernels, speakers, 256,
                p.sr);
    }

    private static int lastDim(TensorData t, String name, String source) {
        if (t.rank() != 3) {
            throw new InvalidModelFileException(source + ": " + name + " is not a 3-d convolution weight");
        }
        return (int) Math.min(Integer.MAX_VALUE, t.shape()[2]);
    }

    /** Noise conv i has kernel 2 * prod(rates[i+1:]) except the last (kernel 1); absent convs match anything. */
    private static boolean noiseMatches(List<Integer> rates, List<Integer> noise) {
        for (int i = 0; i < noise.size() && i < rates.size(); i++) {
            if (noise.get(i) == null) {
                continue;
            }
            int rest = 1;
            for (int j = i + 1; j < rates.size(); j++) {
                rest *= rates.get(j);
            }
            int expected = i + 1 < rates.size() ? 2 * rest : 1;
            if (noise.get(i) != expected) {
                return false;
            }
        }
        return true;
    }
}
