package io.rvc4j.engine.io;

import java.util.List;

/**
 * The data of a FAISS index as RVC writes it: an {@code IndexIVFFlat} over an {@code IndexFlatL2} quantizer, or a plain
 * flat index. Arrays are shared, not copied (an index can hold hundreds of megabytes): callers must not modify them.
 *
 * @param type IVF_FLAT, or FLAT for a standalone flat index (then {@code lists} holds one list with every vector,
 *     ids 0..ntotal-1, {@code nlist} is 1 and {@code centroids} is empty)
 * @param d vector dimension (256 for v1 models, 768 for v2)
 * @param ntotal number of stored vectors
 * @param metric L2 (RVC's) or INNER_PRODUCT
 * @param nlist number of inverted lists (coarse centroids)
 * @param nprobe lists probed per query, as stored in the file (RVC writes 1)
 * @param centroids {@code nlist * d} coarse centroids, row-major
 * @param lists the inverted lists, index = list number
 */
public record FaissIndex(Type type, int d, long ntotal, Metric metric, int nlist, int nprobe, float[] centroids,
        List<InvertedList> lists) {

    /**
     * What an index file's header says, without its vectors ({@link FaissReader#readHeader}).
     *
     * @param nlist inverted lists (1 for a flat index)
     * @param nprobe lists probed per query as stored (1 for a flat index)
     */
    public record Header(Type type, int d, long ntotal, Metric metric, int nlist, int nprobe) {
    }

    /** Index layouts we read. */
    public enum Type { IVF_FLAT, FLAT }

    /** FAISS MetricType 0 and 1. */
    public enum Metric { INNER_PRODUCT, L2 }

    /**
     * One inverted list.
     *
     * @param ids the stored ids (RVC: the row of the training feature matrix)
     * @param vectors {@code ids.length * d} floats, row-major, in the order of {@code ids}
     */
    public record InvertedList(long[] ids, float[] vectors) {
        public int size() {
            return ids.length;
        }
    }

    /**
     * Every stored vector at row {@code id}, as faiss's {@code reconstruct_n(0, ntotal)} returns them ({@code ntotal *
     * d} floats). RVC's index blend looks neighbours up in this matrix.
     */
    public float[] reconstructAll() {
        float[] out = new float[Math.toIntExact(Math.multiplyExact(ntotal, (long) d))];
        for (InvertedList list : lists) {
            for (int i = 0; i < list.ids.length; i++) {
                System.arraycopy(list.vectors, i * d, out, (int) (list.ids[i] * d), d);
            }
        }
        return out;
    }
}
