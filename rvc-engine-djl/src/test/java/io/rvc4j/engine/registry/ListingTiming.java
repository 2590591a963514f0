package io.rvc4j.engine.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times {@link DirectoryModelRegistry#list()} over 100 AICoverGen folders of garbage {@code .pth} files (which would
 * fail to load, so a listing that loads cannot pass unnoticed). Not a test: speed is measured here and reported in
 * docs/model-formats.md, never asserted. Run after {@code mvn test-compile}:
 *
 * <pre>java -cp rvc-core/target/classes:rvc-engine-djl/target/classes:rvc-engine-djl/target/test-classes \
 *     io.rvc4j.engine.registry.ListingTiming</pre>
 */
public final class ListingTiming {
    /** Listing reads only the directory entries and each file's size, so the content's length hardly matters. */
    private static final int GARBAGE_BYTES = 64 << 10;
    private static final int RUNS = 21;

    private ListingTiming() {
    }

    /** 100 folders {@code voice-000..099}, each a garbage {@code .pth} and an empty {@code added_*.index}. */
    static List<Path> hundredGarbageModels(Path dir) throws IOException {
        Random rnd = new Random(7); // fixed seed: the same bytes every run
        byte[] garbage = new byte[GARBAGE_BYTES];
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String name = String.format("voice-%03d", i);
            Path folder = Files.createDirectories(dir.resolve(name));
            rnd.nextBytes(garbage);
            files.add(Files.write(folder.resolve(name + ".pth"), garbage));
            Files.write(folder.resolve("added_" + name + ".index"), new byte[0]);
        }
        return files;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("rvc4j-listing");
        hundredGarbageModels(dir);
        DirectoryModelRegistry registry = new DirectoryModelRegistry(dir);
        double[] ms = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            int n = registry.list().size();
            ms[r] = (System.nanoTime() - t0) / 1e6;
            if (n != 100) {
                throw new IllegalStateException("listed " + n);
            }
        }
        double first = ms[0];
        Arrays.sort(ms);
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.printf("list() of 100 folders: first run %.2f ms, median of %d runs %.2f ms (min %.2f, max %.2f)%n",
                first, RUNS, ms[RUNS / 2], ms[0], ms[RUNS - 1]);
    }
}
