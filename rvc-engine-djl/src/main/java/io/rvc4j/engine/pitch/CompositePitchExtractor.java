package io.rvc4j.engine.pitch;

import ai.djl.Device;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.PitchAlgorithm;
import io.rvc4j.core.model.PitchMethod;
import io.rvc4j.core.model.PitchRequest;
import io.rvc4j.core.model.PitchTrack;
import io.rvc4j.core.port.out.PitchExtractor;
import io.rvc4j.dsp.pitch.HybridPitch;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's {@link PitchExtractor}: dispatches each {@link PitchAlgorithm} to its extractor and combines hybrids
 * frame by frame ({@link HybridPitch}): AICoverGen's plain {@code np.nanmedian}, or the weighted median when the request
 * carries an explicit {@code f0_method_weight}. Every track is aligned to RVC's {@code p_len = audio.length / 160} frames
 * (cut or zero-filled at the end). FCPE is rejected: no FCPE weights can be obtained for this build.
 */
public final class CompositePitchExtractor implements PitchExtractor, AutoCloseable {
    /** Weights file names in the models directory (AICoverGen layout; DESIGN.md). */
    public static final String RMVPE_FILE = "rmvpe.pt";
    public static final String CREPE_FULL_FILE = "crepe_full.pth";
    public static final String CREPE_TINY_FILE = "crepe_tiny.pth";
    static final int HOP = 160;

    private final Map<PitchAlgorithm, PitchExtractor> methods;

    /** Uses exactly the given extractors; an algorithm without one is rejected at request time. */
    public CompositePitchExtractor(Map<PitchAlgorithm, PitchExtractor> methods) {
        this.methods = new EnumMap<>(PitchAlgorithm.class);
        this.methods.putAll(methods);
    }

    /**
     * RMVPE, CREPE and CREPE-tiny from {@code modelsDir} ({@code rmvpe.pt}, {@code crepe_full.pth},
     * {@code crepe_tiny.pth}; loaded on first use, a missing file is a ModelNotFoundException naming the path), plus
     * {@code others} (Harvest and PM from rvc-dsp), which take precedence.
     */
    public static CompositePitchExtractor forModelsDir(Path modelsDir, Device device,
            Map<PitchAlgorithm, PitchExtractor> others) {
        Map<PitchAlgorithm, PitchExtractor> all = new EnumMap<>(PitchAlgorithm.class);
        all.put(PitchAlgorithm.RMVPE, new DjlRmvpePitchExtractor(modelsDir.resolve(RMVPE_FILE), device));
        all.put(PitchAlgorithm.CREPE, new DjlCrepePitchExtractor(modelsDir.resolve(CREPE_FULL_FILE), device));
        all.put(PitchAlgorithm.CREPE_TINY, new DjlCrepePitchExtractor(modelsDir.resolve(CREPE_TINY_FILE), device));
        all.putAll(others);
        return new CompositePitchExtractor(all);
    }

    @Override
    public PitchTrack extract(float[] audio16k, PitchRequest request) {
        PitchMethod method = request.method();
        List<PitchAlgorithm> algorithms = method.algorithms();
        int pLen = audio16k.length / HOP;
        List<PitchTrack> tracks = new java.util.ArrayList<>(algorithms.size());
        for (PitchAlgorithm algorithm : algorithms) {
            tracks.add(PitchTrack.wrap(aligned(extractor(algorithm).extract(audio16k, request), pLen, algorithm),
                    PitchTrack.RVC_FRAME_RATE));
        }
        return tracks.size() == 1 ? tracks.get(0) : HybridPitch.combine(tracks, request.hybridWeight());
    }

    /** Warms up each algorithm of {@code method} (a hybrid's one after the other). */
    @Override
    public void warmUp(PitchMethod method) {
        for (PitchAlgorithm algorithm : method.algorithms()) {
            extractor(algorithm).warmUp(PitchMethod.single(algorithm));
        }
    }

    private PitchExtractor extractor(PitchAlgorithm algorithm) {
        if (algorithm == PitchAlgorithm.FCPE && !methods.containsKey(algorithm)) {
            throw new InvalidParameterException("f0_method", "fcpe is not available: this build ships no FCPE "
                    + "weights and none can be obtained for it; use rmvpe, crepe, crepe-tiny, harvest or pm");
        }
        PitchExtractor e = methods.get(algorithm);
        if (e == null) {
            throw new InvalidParameterException("f0_method", algorithm.id() + " is not available in this engine; "
                    + "available: " + methods.keySet());
        }
        return e;
    }

    private static float[] aligned(PitchTrack track, int pLen, PitchAlgorithm algorithm) {
        if (Math.abs(track.frameRate() - PitchTrack.RVC_FRAME_RATE) > 1e-9) {
            throw new IllegalStateException(algorithm.id() + " returned " + track.frameRate()
                    + " frames per second, expected " + PitchTrack.RVC_FRAME_RATE);
        }
        float[] f0 = track.f0Hz();
        return f0.length == pLen ? f0 : java.util.Arrays.copyOf(f0, pLen);
    }

    /** Closes the extractors that are AutoCloseable (those built here and any passed in). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (PitchExtractor e : methods.values()) {
            if (e instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ex) {
                    if (first == null) {
                        first = ex instanceof RuntimeException r ? r : new IllegalStateException(ex);
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
