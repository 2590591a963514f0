package io.rvc4j.core.service;

import io.rvc4j.core.error.RvcException;
import io.rvc4j.core.model.DeviceInfo;
import io.rvc4j.core.model.HealthReport;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.core.port.in.CheckHealthUseCase;
import io.rvc4j.core.port.in.ListModelsUseCase;
import io.rvc4j.core.port.out.ModelRegistry;
import io.rvc4j.core.port.out.VoiceConverter;
import java.util.List;

/** Lists models and reports health from the registry and the converter's device. */
public final class ModelCatalogService implements ListModelsUseCase, CheckHealthUseCase {
    private final ModelRegistry registry;
    private final VoiceConverter converter;

    public ModelCatalogService(ModelRegistry registry, VoiceConverter converter) {
        this.registry = registry;
        this.converter = converter;
    }

    @Override
    public List<VoiceModelInfo> listModels() {
        return registry.list();
    }

    @Override
    public HealthReport health() {
        DeviceInfo device = converter.device();
        try {
            List<String> names = registry.list().stream().map(VoiceModelInfo::name).toList();
            return new HealthReport(true, device, names, List.of());
        } catch (RvcException e) {
            return new HealthReport(false, device, List.of(), List.of(e.getMessage()));
        }
    }
}
