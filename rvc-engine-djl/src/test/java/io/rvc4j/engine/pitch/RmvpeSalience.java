package io.rvc4j.engine.pitch;

/** Test access to RMVPE's salience from other packages (the end-to-end pipeline test reports voicing margins). */
public final class RmvpeSalience {
    private RmvpeSalience() {
    }

    /** Row-major [1 + n / 160, 360] salience of {@link DjlRmvpePitchExtractor#f0}. */
    public static float[] of(DjlRmvpePitchExtractor rmvpe, float[] audio16k) {
        return rmvpe.salience(audio16k);
    }
}
