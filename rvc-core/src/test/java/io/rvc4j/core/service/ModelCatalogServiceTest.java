package io.rvc4j.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.model.HealthReport;
import io.rvc4j.core.model.VoiceModelInfo;
import org.junit.jupiter.api.Test;

class ModelCatalogServiceTest {
    private final Fakes fakes = new Fakes();
    private final ModelCatalogService service = new ModelCatalogService(fakes.registry, fakes.converter);

    @Test
    void lists_the_registry_models() {
        assertThat(service.listModels()).extracting(VoiceModelInfo::name).containsExactly("alice", "bob");
    }

    @Test
    void reports_healthy_with_device_and_model_names() {
        HealthReport report = service.health();
        assertThat(report.status()).isEqualTo("healthy");
        assertThat(report.device().name()).isEqualTo("cpu");
        assertThat(report.device().gpuAvailable()).isFalse();
        assertThat(report.models()).containsExactly("alice", "bob");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void reports_unhealthy_with_the_reason_when_models_cannot_be_listed() {
        fakes.registry.failure = new InvalidModelFileException("models dir /x is not readable");
        HealthReport report = service.health();
        assertThat(report.status()).isEqualTo("unhealthy");
        assertThat(report.problems()).containsExactly("models dir /x is not readable");
    }
}
