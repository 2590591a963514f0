package io.rvc4j.core.port.in;

import io.rvc4j.core.model.HealthReport;

/** Whether the service can convert, on which device, with which models. */
public interface CheckHealthUseCase {
    HealthReport health();
}
