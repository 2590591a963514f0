package io.rvc4j.engine.retrieval;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.FaissIndex;
import io.rvc4j.engine.io.FaissReader;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * The content of a FAISS index as retrieval needs it, independent of the file reader: an IVF-Flat index (coarse
 * centroids, inverted lists of raw float32 vectors with their ids, the stored {@code nprobe}) or a Flat index (one
 * list holding every vector, searched exhaustively).
 *
 * @param dim vector width (256 for v1, 768 for v2)
 * @param nprobe lists searched per query; RVC never changes the stored value (1) (reference note section 6.2)
 * @param centroids {@code nlist × dim} row-major coarse centroids; empty for a Flat index
 * @param listIds per list, the ids of its vectors in stored order
 * @param listVectors per list, its vectors row-major ({@code ids.length × dim}), raw (not residual)
 */
public record RetrievalIndex(int dim, int nprobe, float[] centroids, long[][] listIds, float[][] listVectors) {

    public RetrievalIndex {
        if (dim < 1) {
            throw new InvalidModelFileException("index dimension must be >= 1, got " + dim);
        }
        if (listIds.length != listVectors.length) {
            throw new InvalidModelFileException("index has " + listIds.length + " id lists but " + listVectors.length
                    + " vector lists");
        }
        boolean flat = centroids.length == 0;
        if (flat ? listIds.length != 1 : centroids.length != (long) listIds.length * dim) {
            throw new InvalidModelFileException("index centroids (" + centroids.length + " floats) do not match "
                    + listIds.length + " lists of dimension " + dim);
        }
        if (nprobe < 1) {
            throw new InvalidModelFileException("index nprobe must be >= 1, got " + nprobe);
        }
        long total = 0;
        for (int l = 0; l < listIds.length; l++) {
            if (listVectors[l].length != (long) listIds[l].length * dim) {
                throw new InvalidModelFileException("index list " + l + " has " + listIds[l].length + " ids but "
                        + listVectors[l].length + " floats");
            }
            for (long id : listIds[l]) {
                if (id < 0) {
                    throw new InvalidModelFileException("index list " + l + " holds a negative id " + id);
                }
            }
            total += listIds[l].length;
        }
        if (total == 0) {
            throw new InvalidModelFileException("index holds no vectors");
        }
    }

    /** Bytes of the centroids, vectors (float32) and ids (int64): what the index holds in memory. */
    public long bytes() {
        long n = 4L * centroids.length;
        for (int l = 0; l < listIds.length; l++) {
            n += 8L * listIds[l].length + 4L * listVectors[l].length;
        }
        return n;
    }

    /**
     * Reads a FAISS {@code .index} file (IVF-Flat or Flat, L2 metric) as RVC's {@code faiss.read_index} would.
     *
     * @throws InvalidModelFileException when the file is unreadable or uses the inner-product metric
     */
    public static RetrievalIndex read(Path file) {
        return from(FaissReader.read(file), file.toString());
    }

    /** The retrieval view of a parsed FAISS index ({@code source} names it in errors). */
    public static RetrievalIndex from(FaissIndex index, String source) {
        if (index.metric() != FaissIndex.Metric.L2) {
            throw new InvalidModelFileException(source + ": index metric is " + index.metric()
                    + "; RVC indexes use L2");
        }
        int n = index.lists().size();
        long[][] ids = new long[n][];
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = index.lists().get(i).ids();
            vectors[i] = index.lists().get(i).vectors();
        }
        float[] centroids = index.type() == FaissIndex.Type.FLAT ? new float[0] : index.centroids();
        return new RetrievalIndex(index.d(), index.nprobe(), centroids, ids, vectors);
    }

    /** A Flat index of {@code vectors} ({@code n × dim}, ids 0..n-1). */
    public static RetrievalIndex flat(int dim, float[] vectors) {
        int n = vectors.length / dim;
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new RetrievalIndex(dim, 1, new float[0], new long[][] {ids}, new float[][] {vectors});
    }

    public boolean isFlat() {
        return centroids.length == 0;
    }

    public int listCount() {
        return listIds.length;
    }

    public long size() {
        long n = 0;
        for (long[] ids : listIds) {
            n += ids.length;
        }
        return n;
    }

    /**
     * Every stored vector at row {@code id} ({@code index.reconstruct_n(0, ntotal)}).
     *
     * @throws InvalidModelFileException when the ids are not exactly 0..ntotal-1
     */
    public float[] reconstructAll() {
        float[] out = new float[floatCount()];
        reconstructInto(FloatBuffer.wrap(out));
        return out;
    }

    /**
     * Writes every stored vector at row {@code id} into {@code out} (absolute puts from its position 0), e.g. a
     * direct buffer that the engine adopts without a heap copy.
     *
     * @throws InvalidModelFileException when the ids are not exactly 0..ntotal-1
     */
    public void reconstructInto(FloatBuffer out) {
        int n = floatCount() / dim;
        if (out.capacity() < n * dim) {
            throw new IllegalArgumentException("buffer of " + out.capacity() + " floats for " + n * dim);
        }
        boolean[] seen = new boolean[n];
        for (int l = 0; l < listIds.length; l++) {
            for (int j = 0; j < listIds[l].length; j++) {
                long id = listIds[l][j];
                if (id >= n || seen[(int) id]) {
                    throw new InvalidModelFileException("index ids are not 0.." + (n - 1) + " (id " + id + ")");
                }
                seen[(int) id] = true;
                out.put((int) id * dim, listVectors[l], j * dim, dim);
            }
        }
    }

    /** {@code ntotal × dim}, checked to fit a Java array. */
    public int floatCount() {
        long n = size();
        if (n * dim > Integer.MAX_VALUE - 8) {
            throw new InvalidModelFileException("index of " + n + " x " + dim + " floats is too large");
        }
        return (int) n * dim;
    }
}
