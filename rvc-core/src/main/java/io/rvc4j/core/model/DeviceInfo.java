package io.rvc4j.core.model;

/**
 * Where inference runs.
 *
 * @param name {@code cpu}, or {@code cuda} / {@code gpu:N} on a GPU, as the RunPod seed reports it
 * @param gpuAvailable whether a GPU is usable by this process
 */
public record DeviceInfo(String name, boolean gpuAvailable) {
    public DeviceInfo {
        Check.present("device", name);
    }
}
