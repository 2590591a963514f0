package io.rvc4j.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.rvc4j.core.error.InvalidParameterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

    @Test
    void picks_the_cpu_when_asked_or_when_no_gpu_is_visible() {
        DeviceSelector none = new DeviceSelector(() -> 0, Map.of("GPU_INDEX", "1"));
        assertThat(none.select("cpu")).isEqualTo(Device.cpu());
        assertThat(none.select(null)).isEqualTo(Device.cpu());
        assertThat(none.info(Device.cpu()).name()).isEqualTo("cpu");
        assertThat(none.info(Device.cpu()).gpuAvailable()).isFalse();
    }

    @Test
    void follows_gpu_index_in_auto_mode() {
        DeviceSelector two = new DeviceSelector(() -> 2, Map.of("GPU_INDEX", "1"));
        assertThat(two.select("auto")).isEqualTo(Device.gpu(1));
        assertThat(two.select("gpu:0")).isEqualTo(Device.gpu(0));
        assertThat(two.select("cuda")).isEqualTo(Device.gpu(0));
        assertThat(two.info(Device.gpu(1)).name()).isEqualTo("gpu:1");
    }

    @Test
    void rejects_a_gpu_that_does_not_exist() {
        DeviceSelector two = new DeviceSelector(() -> 2, Map.of());
        assertThatThrownBy(() -> two.select("gpu:2")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("only 2 GPU(s)");
        assertThatThrownBy(() -> new DeviceSelector(() -> 0, Map.of()).select("gpu"))
                .hasMessageContaining("no GPU is visible");
    }

    @Test
    void rejects_unknown_device_names_and_bad_gpu_index() {
        assertThatThrownBy(() -> new DeviceSelector(() -> 1, Map.of()).select("tpu"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("cpu, gpu, gpu:N");
        assertThatThrownBy(() -> new DeviceSelector(() -> 1, Map.of("GPU_INDEX", "x")).select("auto"))
                .hasMessageContaining("GPU_INDEX");
    }
}
