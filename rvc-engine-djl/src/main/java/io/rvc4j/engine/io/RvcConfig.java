package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * The 18 synthesizer constructor arguments an RVC inference file stores as {@code config}, in order
 * (rvc-reference.md 1.3). {@code spkEmbedDim} is the real speaker count (RVC overwrites config[-3] with the rows of
 * {@code emb_g.weight} at load time; so do we).
 */
public record RvcConfig(int specChannels, int segmentSize, int interChannels, int hiddenChannels, int filterChannels,
        int nHeads, int nLayers, int kernelSize, double pDropout, String resblock, List<Integer> resblockKernelSizes,
        List<List<Integer>> resblockDilationSizes, List<Integer> upsampleRates, int upsampleInitialChannel,
        List<Integer> upsampleKernelSizes, int spkEmbedDim, int ginChannels, int samplingRate) {

    /** Entries in the {@code config} list. */
    public static final int SIZE = 18;

    public RvcConfig {
        resblockKernelSizes = List.copyOf(resblockKernelSizes);
        resblockDilationSizes = resblockDilationSizes.stream().map(List::copyOf).toList();
        upsampleRates = List.copyOf(upsampleRates);
        upsampleKernelSizes = List.copyOf(upsampleKernelSizes);
    }

    /** Parses the pickled list; the sample rate entry may be an int or RVC's "40k"-style string. */
    static RvcConfig fromList(Object raw, String source) {
        if (!(raw instanceof List<?> c) || c.size() != SIZE) {
            throw new InvalidModelFileException(source + ": 'config' must be a list of " + SIZE + " entries, got "
                    + (raw instanceof List<?> l ? l.size() + " entries" : PickleMachine.typeName(raw)));
        }
        try {
            return new RvcConfig(i(c, 0), i(c, 1), i(c, 2), i(c, 3), i(c, 4), i(c, 5), i(c, 6), i(c, 7),
                    ((Number) c.get(8)).doubleValue(), String.valueOf(c.get(9)), ints(c.get(10)),
                    ((List<?>) c.get(11)).stream().map(RvcConfig::ints).toList(), ints(c.get(12)), i(c, 13),
                    ints(c.get(14)), i(c, 15), i(c, 16), sampleRate(c.get(17), source));
        } catch (ClassCastException | ArithmeticException | NullPointerException e) {
            throw new InvalidModelFileException(source + ": 'config' has an entry of the wrong type (" + e.getMessage()
                    + ")", e);
        }
    }

    /** The list form, as RVC stores it (for inspection output). */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>(List.of(specChannels, segmentSize, interChannels, hiddenChannels,
                filterChannels, nHeads, nLayers, kernelSize, pDropout, resblock, resblockKernelSizes,
                resblockDilationSizes, upsampleRates, upsampleInitialChannel, upsampleKernelSizes, spkEmbedDim,
                ginChannels, samplingRate));
        return out;
    }

    RvcConfig withSpeakers(int speakers) {
        return new RvcConfig(specChannels, segmentSize, interChannels, hiddenChannels, filterChannels, nHeads,
                nLayers, kernelSize, pDropout, resblock, resblockKernelSizes, resblockDilationSizes, upsampleRates,
                upsampleInitialChannel, upsampleKernelSizes, speakers, ginChannels, samplingRate);
    }

    /** RVC's {@code sr2sr}: "32k" / "40k" / "48k" or an int in Hz. */
    static int sampleRate(Object sr, String source) {
        if (sr instanceof Long l && l > 0 && l <= 384_000) {
            return l.intValue();
        }
        if (sr instanceof String s) {
            switch (s) {
                case "32k": return 32000;
                case "40k": return 40000;
                case "48k": return 48000;
                default: break;
            }
        }
        throw new InvalidModelFileException(source + ": sample rate '" + PickleText.clip(String.valueOf(sr))
                + "' is not one of 32k, 40k, 48k or an int in Hz");
    }

    private static int i(List<?> c, int idx) {
        return Math.toIntExact((Long) c.get(idx));
    }

    private static List<Integer> ints(Object o) {
        return ((List<?>) o).stream().map(x -> Math.toIntExact((Long) x)).toList();
    }
}
