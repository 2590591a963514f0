package io.rvc4j.engine.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Accumulates wall-clock seconds per named stage; {@link #reset()} between repeats. Thread-safe. */
public final class StageClock {
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Runs {@code work} and adds its wall time to {@code stage}. */
    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(stage, (System.nanoTime() - start) / 1e9);
        }
    }

    public synchronized void add(String stage, double s) {
        seconds.merge(stage, s, Double::sum);
    }

    /** A copy of the totals so far, in the order stages were first seen. */
    public synchronized Map<String, Double> snapshot() {
        return new LinkedHashMap<>(seconds);
    }

    public synchronized void reset() {
        seconds.clear();
    }
}
