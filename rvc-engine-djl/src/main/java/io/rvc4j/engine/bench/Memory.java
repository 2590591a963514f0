package io.rvc4j.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory and CPU time of this process from {@code /proc/self} (Linux); -1 where it cannot be read. CPU time
 * counts every thread, the native inference threads included, so it is less sensitive to other load than wall time.
 */
public final class Memory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Memory() {
    }

    /** Current resident set size in MiB ({@code VmRSS}). */
    public static double rssMiB() {
        return field("VmRSS:");
    }

    /** Peak resident set size in MiB since the process started ({@code VmHWM}). */
    public static double peakRssMiB() {
        return field("VmHWM:");
    }

    /** User + system CPU seconds of the whole process ({@code /proc/self/stat} fields 14 and 15, USER_HZ = 100). */
    public static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14, 15 counted from 1
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
