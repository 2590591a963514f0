package io.rvc4j.engine.retrieval;

import java.util.Arrays;

/**
 * The exact part of an IVF-Flat search on the host: for each query, scan the probed lists with {@code Σ (x - y)²} in
 * float32 and keep the {@code k} smallest, ascending (FAISS {@code IndexIVFFlat::search_preassigned}).
 */
final class IvfScan {
    private final RetrievalIndex index;

    IvfScan(RetrievalIndex index) {
        this.index = index;
    }

    /**
     * @param queries {@code n × dim} row-major
     * @param probes {@code n × nprobe} list numbers per query (nearest first), -1 for none
     */
    Neighbours search(float[] queries, int n, int[] probes, int nprobe, int k) {
        int dim = index.dim();
        long[] ids = new long[n * k];
        float[] dist = new float[n * k];
        Arrays.fill(ids, -1);
        Arrays.fill(dist, Float.MAX_VALUE);
        for (int q = 0; q < n; q++) {
            int base = q * k;
            int qo = q * dim;
            for (int p = 0; p < nprobe; p++) {
                int list = probes[q * nprobe + p];
                if (list < 0) {
                    continue;
                }
                long[] listIds = index.listIds()[list];
                float[] vec = index.listVectors()[list];
                for (int j = 0; j < listIds.length; j++) {
                    float d = 0f;
                    int vo = j * dim;
                    for (int c = 0; c < dim; c++) {
                        float diff = queries[qo + c] - vec[vo + c];
                        d += diff * diff;
                    }
                    insert(ids, dist, base, k, listIds[j], d);
                }
            }
        }
        return new Neighbours(n, k, ids, dist);
    }

    /** Exact nearest {@code nprobe} centroids of each query (FAISS's direct path for fewer than 20 queries). */
    int[] assignExactly(float[] queries, int n, int nprobe) {
        int dim = index.dim();
        float[] cent = index.centroids();
        int nlist = index.listCount();
        long[] ids = new long[nprobe];
        float[] dist = new float[nprobe];
        int[] out = new int[n * nprobe];
        for (int q = 0; q < n; q++) {
            Arrays.fill(ids, -1);
            Arrays.fill(dist, Float.MAX_VALUE);
            for (int l = 0; l < nlist; l++) {
                float d = 0f;
                for (int c = 0; c < dim; c++) {
                    float diff = queries[q * dim + c] - cent[l * dim + c];
                    d += diff * diff;
                }
                insert(ids, dist, 0, nprobe, l, d);
            }
            for (int p = 0; p < nprobe; p++) {
                out[q * nprobe + p] = (int) ids[p];
            }
        }
        return out;
    }

    /** Inserts into the sorted top-k slice at {@code base} when strictly better than its worst entry. */
    private static void insert(long[] ids, float[] dist, int base, int k, long id, float d) {
        if (!(d < dist[base + k - 1])) {
            return;
        }
        int pos = base + k - 1;
        while (pos > base && dist[pos - 1] > d) {
            dist[pos] = dist[pos - 1];
            ids[pos] = ids[pos - 1];
            pos--;
        }
        dist[pos] = d;
        ids[pos] = id;
    }
}
