package io.rvc4j.engine.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.model.DeviceInfo;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Turns a device request into a DJL device: {@code cpu}, {@code gpu} / {@code cuda} (GPU 0), {@code gpu:N} /
 * {@code cuda:N}, or {@code auto} / empty (the GPU named by env {@code GPU_INDEX}, else GPU 0, when one is visible;
 * otherwise the CPU). A GPU that does not exist is an error, never a silent fallback.
 */
public final class DeviceSelector {
    /** The AniVoiceChanger seed's variable for the GPU to use. */
    public static final String GPU_INDEX_ENV = "GPU_INDEX";

    private final IntSupplier gpuCount;
    private final Map<String, String> env;

    /** Counts GPUs through the PyTorch engine and reads the process environment. */
    public DeviceSelector() {
        this(() -> Engine.getEngine("PyTorch").getGpuCount(), System.getenv());
    }

    DeviceSelector(IntSupplier gpuCount, Map<String, String> env) {
        this.gpuCount = gpuCount;
        this.env = env;
    }

    /** The device for {@code spec} (null or blank means {@code auto}). */
    public Device select(String spec) {
        String s = spec == null ? "auto" : spec.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("auto")) {
            String idx = env.get(GPU_INDEX_ENV);
            if (gpuCount.getAsInt() == 0) {
                return Device.cpu();
            }
            return gpu(idx == null || idx.isBlank() ? 0 : parseIndex(idx.strip(), GPU_INDEX_ENV));
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("gpu") || s.equals("cuda")) {
            return gpu(0);
        }
        if (s.startsWith("gpu:") || s.startsWith("cuda:")) {
            return gpu(parseIndex(s.substring(s.indexOf(':') + 1), "device"));
        }
        throw new InvalidParameterException("device", "must be cpu, gpu, gpu:N, cuda:N or auto, got '" + spec + "'");
    }

    /** How the port reports {@code device}: {@code cpu} or {@code gpu:N}. */
    public DeviceInfo info(Device device) {
        boolean gpu = device.isGpu();
        return new DeviceInfo(gpu ? "gpu:" + device.getDeviceId() : "cpu", gpu || gpuCount.getAsInt() > 0);
    }

    private Device gpu(int index) {
        int n = gpuCount.getAsInt();
        if (index >= n) {
            throw new InvalidParameterException("device", "GPU " + index + " requested but "
                    + (n == 0 ? "no GPU is visible" : "only " + n + " GPU(s) are visible (0.." + (n - 1) + ")"));
        }
        return Device.gpu(index);
    }

    private static int parseIndex(String text, String parameter) {
        try {
            int i = Integer.parseInt(text);
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(parameter, "GPU index must be a non-negative integer, got '" + text
                    + "'");
        }
    }
}
