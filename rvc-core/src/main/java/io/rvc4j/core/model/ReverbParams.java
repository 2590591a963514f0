package io.rvc4j.core.model;

/**
 * The reverb of AICoverGen's vocal chain (pedalboard's Freeverb), each value 0..1.
 *
 * @param roomSize {@code reverb_rm_size}
 * @param wetLevel {@code reverb_wet}
 * @param dryLevel {@code reverb_dry}
 * @param damping {@code reverb_damping}
 */
public record ReverbParams(double roomSize, double wetLevel, double dryLevel, double damping) {
    public ReverbParams {
        Check.inRange("reverb_rm_size", roomSize, 0, 1);
        Check.inRange("reverb_wet", wetLevel, 0, 1);
        Check.inRange("reverb_dry", dryLevel, 0, 1);
        Check.inRange("reverb_damping", damping, 0, 1);
    }

    /** AICoverGen's defaults: room 0.15, wet 0.2, dry 0.8, damping 0.7. */
    public static ReverbParams defaults() {
        return new ReverbParams(0.15, 0.2, 0.8, 0.7);
    }
}
