package io.rvc4j.engine.bench;

import io.rvc4j.core.model.ConversionParams;
import io.rvc4j.core.model.ModelRef;
import io.rvc4j.core.model.StreamSettings;
import io.rvc4j.core.port.in.OpenStreamCommand;
import io.rvc4j.core.port.in.VoiceStream;
import io.rvc4j.engine.Rvc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-block processing time of the streaming use case ({@code Rvc.openStream()}) at one block size: the input is
 * pushed one block at a time, as a real-time client would, and each push is timed.
 */
public final class StreamBench {
    private StreamBench() {
    }

    /**
     * @param audio input at {@code settings.sampleRate()}
     * @param warmupBlocks blocks pushed before timing starts (first block loads the models)
     */
    public static Map<String, Object> run(Rvc rvc, String model, ConversionParams params, StreamSettings settings,
            float[] audio, int warmupBlocks) {
        int block = settings.blockFrames();
        double rate = settings.sampleRate();
        List<Double> times = new ArrayList<>();
        try (VoiceStream stream = rvc.openStream().open(new OpenStreamCommand(ModelRef.named(model), params,
                settings))) {
            int blocks = audio.length / block;
            for (int b = 0; b < blocks; b++) {
                float[] chunk = Arrays.copyOfRange(audio, b * block, (b + 1) * block);
                long start = System.nanoTime();
                stream.push(chunk);
                double s = (System.nanoTime() - start) / 1e9;
                if (b >= warmupBlocks) {
                    times.add(s);
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            double blockMs = 1000 * block / rate;
            r.put("block_ms", blockMs);
            r.put("context_ms", 1000 * settings.contextFrames() / rate);
            r.put("crossfade_ms", 1000 * settings.crossfadeFrames() / rate);
            r.put("search_ms", 1000 * settings.searchFrames() / rate);
            // a sample waits for its block to fill, then for the crossfade + search tail the splice holds back
            r.put("algorithmic_latency_ms", blockMs + 1000 * stream.latencyFrames() / rate);
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            r.put("blocks_timed", sorted.length);
            if (sorted.length > 0) {
                r.put("block_time_ms_median", 1000 * sorted[sorted.length / 2]);
                r.put("block_time_ms_p95", 1000 * sorted[Math.min(sorted.length - 1, (int) (0.95 * sorted.length))]);
                r.put("block_time_ms_max", 1000 * sorted[sorted.length - 1]);
                r.put("real_time_factor_median", sorted[sorted.length / 2] * 1000 / blockMs);
            }
            return r;
        }
    }
}
