package io.rvc4j.engine.synth;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an RVC synthesizer: model family, pitch flag and the 18 constructor values that RVC stores as the
 * checkpoint's {@code config} list (reference note section 1.3, in that order).
 *
 * @param version {@code "v1"} (256-d content features) or {@code "v2"} (768-d)
 * @param f0 true for pitch-guided (NSF) models, false for "nono" models
 * @param specChannels config[0], only used by the posterior encoder (not at inference)
 * @param segmentSize config[1], training only
 * @param interChannels config[2], channels of the prior / flow
 * @param hiddenChannels config[3], text encoder and flow width
 * @param filterChannels config[4], FFN width
 * @param heads config[5]
 * @param layers config[6], text encoder layers
 * @param kernelSize config[7], FFN kernel
 * @param dropout config[8], unused at inference
 * @param resblock config[9], {@code "1"} (ResBlock1) is the only kind RVC builds
 * @param resblockKernelSizes config[10]
 * @param resblockDilationSizes config[11]
 * @param upsampleRates config[12]
 * @param upsampleInitialChannel config[13]
 * @param upsampleKernelSizes config[14]
 * @param speakers config[15], replaced at load by the rows of {@code emb_g.weight}
 * @param ginChannels config[16], speaker embedding width
 * @param sampleRate config[17], output rate in Hz
 */
public record SynthesizerConfig(String version, boolean f0, int specChannels, int segmentSize, int interChannels,
        int hiddenChannels, int filterChannels, int heads, int layers, int kernelSize, double dropout, String resblock,
        List<Integer> resblockKernelSizes, List<List<Integer>> resblockDilationSizes, List<Integer> upsampleRates,
        int upsampleInitialChannel, List<Integer> upsampleKernelSizes, int speakers, int ginChannels,
        int sampleRate) {

    /** Entries of the checkpoint's {@code config} list. */
    public static final int CONFIG_ENTRIES = 18;

    public SynthesizerConfig {
        if (!"v1".equals(version) && !"v2".equals(version)) {
            throw new InvalidModelFileException("synthesizer version must be v1 or v2, got " + version);
        }
        resblockKernelSizes = List.copyOf(resblockKernelSizes);
        resblockDilationSizes = resblockDilationSizes.stream().map(List::copyOf).toList();
        upsampleRates = List.copyOf(upsampleRates);
        upsampleKernelSizes = List.copyOf(upsampleKernelSizes);
        positive("inter_channels", interChannels);
        positive("hidden_channels", hiddenChannels);
        positive("filter_channels", filterChannels);
        positive("n_heads", heads);
        positive("n_layers", layers);
        positive("kernel_size", kernelSize);
        positive("upsample_initial_channel", upsampleInitialChannel);
        positive("spk_embed_dim", speakers);
        positive("gin_channels", ginChannels);
        positive("sr", sampleRate);
        if (hiddenChannels % heads != 0 || interChannels % 2 != 0) {
            throw new InvalidModelFileException("synthesizer config: hidden_channels " + hiddenChannels
                    + " must divide by n_heads " + heads + " and inter_channels " + interChannels + " must be even");
        }
        if (!"1".equals(resblock)) {
            throw new InvalidModelFileException("synthesizer config: only resblock \"1\" is supported, got " + resblock);
        }
        if (upsampleRates.isEmpty() || upsampleRates.size() != upsampleKernelSizes.size()
                || upsampleInitialChannel >> upsampleRates.size() < 1) {
            throw new InvalidModelFileException("synthesizer config: upsample_rates " + upsampleRates
                    + " and upsample_kernel_sizes " + upsampleKernelSizes + " do not fit upsample_initial_channel "
                    + upsampleInitialChannel);
        }
        for (int i = 0; i < upsampleRates.size(); i++) {
            int u = upsampleRates.get(i);
            int k = upsampleKernelSizes.get(i);
            if (u < 1 || k < u || (k - u) % 2 != 0) {
                throw new InvalidModelFileException("synthesizer config: upsample layer " + i + " has rate " + u
                        + " and kernel " + k + "; kernel - rate must be even and non-negative");
            }
        }
        if (resblockKernelSizes.isEmpty() || resblockKernelSizes.size() != resblockDilationSizes.size()) {
            throw new InvalidModelFileException("synthesizer config: resblock_kernel_sizes " + resblockKernelSizes
                    + " and resblock_dilation_sizes " + resblockDilationSizes + " differ in length");
        }
    }

    /** Width of the content features: 256 for v1, 768 for v2. */
    public int phoneChannels() {
        return "v1".equals(version) ? 256 : 768;
    }

    /** Output samples per feature frame, the product of the upsample rates (sr / 100 in RVC's tables). */
    public int samplesPerFrame() {
        return upsampleRates.stream().reduce(1, (a, b) -> a * b);
    }

    /** The same config with the speaker count taken from the real {@code emb_g} table, as RVC does at load. */
    public SynthesizerConfig withSpeakers(int n) {
        return new SynthesizerConfig(version, f0, specChannels, segmentSize, interChannels, hiddenChannels,
                filterChannels, heads, layers, kernelSize, dropout, resblock, resblockKernelSizes,
                resblockDilationSizes, upsampleRates, upsampleInitialChannel, upsampleKernelSizes, n, ginChannels,
                sampleRate);
    }

    /**
     * Reads the 18-entry {@code config} list of an RVC checkpoint (ints as {@link Number}, lists as {@link List},
     * {@code sr} as int or as the "40k" string that the constructor also accepts).
     */
    public static SynthesizerConfig fromCheckpoint(List<?> config, String version, boolean f0) {
        if (config == null || config.size() != CONFIG_ENTRIES) {
            throw new InvalidModelFileException("checkpoint 'config' must be a list of " + CONFIG_ENTRIES
                    + " entries, got " + (config == null ? "none" : config.size() + " entries"));
        }
        List<List<Integer>> dilations = new ArrayList<>();
        for (Object o : list(config, 11)) {
            dilations.add(ints(o, 11));
        }
        return new SynthesizerConfig(version, f0, integer(config, 0), integer(config, 1), integer(config, 2),
                integer(config, 3), integer(config, 4), integer(config, 5), integer(config, 6), integer(config, 7),
                number(config, 8).doubleValue(), String.valueOf(config.get(9)), ints(config.get(10), 10), dilations,
                ints(config.get(12), 12), integer(config, 13), ints(config.get(14), 14), integer(config, 15),
                integer(config, 16), sampleRate(config.get(17)));
    }

    /**
     * Reads the top level of an RVC inference checkpoint as {@link io.rvc4j.engine.io.TorchCheckpoint#read} returns
     * it: {@code config} (18 entries), {@code version} (missing in pre-v2 files: "v1", as RVC's loader defaults) and
     * {@code f0} (missing: 1; Applio may store a bool).
     */
    public static SynthesizerConfig fromCheckpoint(Object root, String source) {
        if (!(root instanceof java.util.Map<?, ?> top)) {
            throw new InvalidModelFileException(source + ": the checkpoint is not a dict");
        }
        if (!(top.get("config") instanceof List<?> config)) {
            throw new InvalidModelFileException(source + ": no 'config' list; a training checkpoint ({'model': ...})"
                    + " needs its config from elsewhere (SynthesizerConfig.standard)");
        }
        Object v = top.get("version");
        String version = v == null ? "v1" : String.valueOf(v);
        Object f = top.get("f0");
        boolean f0 = f == null || (f instanceof Boolean b ? b : f instanceof Number n && n.longValue() != 0);
        try {
            return fromCheckpoint(config, version, f0);
        } catch (InvalidModelFileException e) {
            throw new InvalidModelFileException(source + ": " + e.getMessage(), e);
        }
    }

    /** The config RVC's own training writes for a version and rate (the table of reference note section 1.3). */
    public static SynthesizerConfig standard(String version, int sampleRate, boolean f0) {
        boolean v2 = "v2".equals(version);
        List<Integer> rates;
        List<Integer> kernels;
        switch (sampleRate) {
            case 32000 -> {
                rates = v2 ? List.of(10, 8, 2, 2) : List.of(10, 4, 2, 2, 2);
                kernels = v2 ? List.of(20, 16, 4, 4) : List.of(16, 16, 4, 4, 4);
            }
            case 40000 -> {
                rates = List.of(10, 10, 2, 2);
                kernels = List.of(16, 16, 4, 4);
            }
            case 48000 -> {
                rates = v2 ? List.of(12, 10, 2, 2) : List.of(10, 6, 2, 2, 2);
                kernels = v2 ? List.of(24, 20, 4, 4) : List.of(16, 16, 4, 4, 4);
            }
            default -> throw new InvalidModelFileException("no standard RVC config for sr " + sampleRate
                    + " (32000, 40000 or 48000)");
        }
        List<Integer> dil = List.of(1, 3, 5);
        return new SynthesizerConfig(version, f0, sampleRate == 32000 ? 513 : 1025, 32, 192, 192, 768, 2, 6, 3, 0,
                "1", List.of(3, 7, 11), List.of(dil, dil, dil), rates, 512, kernels, 109, 256, sampleRate);
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new InvalidModelFileException("synthesizer config: " + name + " must be positive, got " + v);
        }
    }

    private static Number number(List<?> config, int i) {
        if (config.get(i) instanceof Number n) {
            return n;
        }
        throw new InvalidModelFileException("checkpoint config[" + i + "] must be a number, got " + config.get(i));
    }

    private static int integer(List<?> config, int i) {
        return Math.toIntExact(number(config, i).longValue());
    }

    private static List<?> list(List<?> config, int i) {
        if (config.get(i) instanceof List<?> l) {
            return l;
        }
        throw new InvalidModelFileException("checkpoint config[" + i + "] must be a list, got " + config.get(i));
    }

    private static List<Integer> ints(Object o, int i) {
        if (!(o instanceof List<?> l)) {
            throw new InvalidModelFileException("checkpoint config[" + i + "] must be a list of ints, got " + o);
        }
        List<Integer> out = new ArrayList<>();
        for (Object e : l) {
            if (!(e instanceof Number n)) {
                throw new InvalidModelFileException("checkpoint config[" + i + "] holds a non-number: " + e);
            }
            out.add(Math.toIntExact(n.longValue()));
        }
        return out;
    }

    private static int sampleRate(Object o) {
        if (o instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        return switch (String.valueOf(o)) {
            case "32k" -> 32000;
            case "40k" -> 40000;
            case "48k" -> 48000;
            default -> throw new InvalidModelFileException("checkpoint config[17] (sr) is not a rate: " + o);
        };
    }
}
