package io.rvc4j.core.model;

import java.util.List;

/**
 * The service's state as the RunPod seed's {@code health_check} reports it.
 *
 * @param healthy true when models can be listed and the engine is loaded
 * @param device where inference runs
 * @param models names of the available voice models
 * @param problems what is wrong when not healthy (empty otherwise)
 */
public record HealthReport(boolean healthy, DeviceInfo device, List<String> models, List<String> problems) {
    public HealthReport {
        Check.present("device", device);
        models = List.copyOf(models);
        problems = List.copyOf(problems);
    }

    /** {@code healthy} or {@code unhealthy}, the seed's spelling. */
    public String status() {
        return healthy ? "healthy" : "unhealthy";
    }
}
