package io.rvc4j.engine.retrieval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes an {@code IVF{n},Flat} index in FAISS's {@code write_index} layout (reference note section 6.3: {@code IwFl},
 * an {@code IxF2} quantizer, no direct map, {@code ilar} lists written "full" or "sprs" as FAISS chooses), with RVC's
 * list count {@code min(16·sqrt(N), N // 39)} and nprobe 1. The centroids are the first {@code nlist} vectors of a
 * shuffled copy (no k-means: the search only needs a valid coarse partition) and each vector goes to its nearest
 * centroid. For tests that need a real index file of a size nobody should commit.
 */
public final class IvfFlatFiles {
    private IvfFlatFiles() {
    }

    /** {@code rows} random vectors of dimension {@code d} (Gaussian, std {@code scale}), written to {@code file}. */
    public static void writeRandom(Path file, int rows, int d, double scale, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] xs = new float[rows * d];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) (scale * rnd.nextGaussian());
        }
        write(file, xs, d);
    }

    /** Writes {@code xs} (row-major, {@code d} columns) as an IVF-Flat index; ids are the row numbers. */
    public static void write(Path file, float[] xs, int d) throws IOException {
        int n = xs.length / d;
        int nlist = Math.max(1, Math.min((int) (16 * Math.sqrt(n)), n / 39));
        float[] centroids = new float[nlist * d];
        // centroids: evenly spaced rows (deterministic, all distinct for random data)
        for (int c = 0; c < nlist; c++) {
            System.arraycopy(xs, (int) ((long) c * n / nlist) * d, centroids, c * d, d);
        }
        List<List<Integer>> lists = new ArrayList<>();
        for (int c = 0; c < nlist; c++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int c = 0; c < nlist; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = xs[i * d + k] - centroids[c * d + k];
                    s += diff * diff;
                }
                if (s < bestD) {
                    bestD = s;
                    best = c;
                }
            }
            lists.get(best).add(i);
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(256L + 4L * centroids.length + (4L * d + 8) * n
                + 16L * nlist)).order(ByteOrder.LITTLE_ENDIAN);
        b.put("IwFl".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        header(b, d, n);
        b.putLong(nlist).putLong(1); // nlist, nprobe 1 (RVC's train_index)
        b.put("IxF2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        header(b, d, nlist);
        b.putLong(centroids.length);
        for (float v : centroids) {
            b.putFloat(v);
        }
        b.put((byte) 0).putLong(0); // direct map: NoMap, empty array
        b.put("ilar".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.putLong(nlist).putLong(4L * d);
        long nonEmpty = lists.stream().filter(l -> !l.isEmpty()).count();
        if (nonEmpty > nlist / 2) {
            b.put("full".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(nlist);
            lists.forEach(l -> b.putLong(l.size()));
        } else {
            b.put("sprs".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(2 * nonEmpty);
            for (int c = 0; c < nlist; c++) {
                if (!lists.get(c).isEmpty()) {
                    b.putLong(c).putLong(lists.get(c).size());
                }
            }
        }
        for (List<Integer> l : lists) {
            for (int i : l) {
                for (int k = 0; k < d; k++) {
                    b.putFloat(xs[i * d + k]);
                }
            }
            for (int i : l) {
                b.putLong(i);
            }
        }
        Files.write(file, java.util.Arrays.copyOf(b.array(), b.position()));
    }

    private static void header(ByteBuffer b, int d, long ntotal) {
        b.putInt(d).putLong(ntotal).putLong(1 << 20).putLong(1 << 20).put((byte) 1).putInt(1); // metric L2
    }
}
