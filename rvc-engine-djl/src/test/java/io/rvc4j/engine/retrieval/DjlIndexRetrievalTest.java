package io.rvc4j.engine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.engine.Fixtures;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retrieval on hand-made indexes; the FAISS-built index is covered by PipelineParityTest. */
class DjlIndexRetrievalTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void searches_a_flat_index_exhaustively_and_blends_with_inverse_square_distance_weights() {
        Random rnd = new Random(1);
        int d = 4;
        int n = 50;
        float[] vectors = random(rnd, n * d);
        float[] queries = random(rnd, 30 * d);
        try (DjlIndexRetrieval r = DjlIndexRetrieval.load(RetrievalIndex.flat(d, vectors), manager);
                NDManager call = manager.newSubManager()) {
            NDArray q = call.create(queries, new Shape(30, d));
            Neighbours nb = r.search(q);
            NDArray blended = r.blend(q, 0.75);
            float[] out = blended.toFloatArray();
            for (int t = 0; t < 30; t++) {
                float[] dist = new float[n];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < d; c++) {
                        float diff = queries[t * d + c] - vectors[i * d + c];
                        dist[i] += diff * diff;
                    }
                }
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> Float.compare(dist[a], dist[b]));
                double wsum = 0;
                double[] ret = new double[d];
                for (int k = 0; k < DjlIndexRetrieval.K; k++) {
                    assertThat(nb.id(t, k)).isEqualTo(order[k].longValue());
                    // FAISS's BLAS path: |x|^2 + |y|^2 - 2xy in float32, relative error ~1e-6
                    assertThat(nb.distance(t, k)).isCloseTo(dist[order[k]], within(1e-5f));
                    double w = 1.0 / ((double) dist[order[k]] * dist[order[k]]);
                    wsum += w;
                    for (int c = 0; c < d; c++) {
                        ret[c] += w * vectors[order[k] * d + c];
                    }
                }
                for (int c = 0; c < d; c++) {
                    double expected = 0.75 * ret[c] / wsum + 0.25 * queries[t * d + c];
                    // weights from float32 distances: 2 x their relative error
                    assertThat((double) out[t * d + c]).isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void probes_only_the_nearest_list_as_faiss_does_with_nprobe_one() {
        // list 0 around the origin, list 1 around x = 10; a query at x = 4.9 belongs to list 0, although a vector of
        // list 1 (x = 5.1) is nearer than anything in list 0
        float[] centroids = {0, 0, 10, 0};
        long[][] ids = {{0, 1}, {2, 3}};
        float[][] vecs = {{0, 0, 0, 1}, {5.1f, 0, 10, 0}};
        RetrievalIndex index = new RetrievalIndex(2, 1, centroids, ids, vecs);
        try (DjlIndexRetrieval r = DjlIndexRetrieval.load(index, manager); NDManager call = manager.newSubManager()) {
            for (int rows : new int[] {1, 25}) {  // exact assignment below 20 queries, the device path from 20 on
                float[] q = new float[rows * 2];
                for (int i = 0; i < rows; i++) {
                    q[i * 2] = 4.9f;
                }
                Neighbours nb = r.search(call.create(q, new Shape(rows, 2)));
                assertThat(nb.id(0, 0)).isZero();
                assertThat(nb.id(0, 1)).isEqualTo(1);
                // fewer than 8 vectors in the list: FAISS fills with id -1 and FLT_MAX
                assertThat(nb.id(rows - 1, 2)).isEqualTo(-1);
                assertThat(nb.distance(rows - 1, 2)).isEqualTo(Float.MAX_VALUE);
                NDArray out = r.blend(call.create(q, new Shape(rows, 2)), 1.0);
                // weights (1/24.01)^2 and (1/25.01)^2 over the two list-0 vectors; empty slots weigh 0
                double w0 = 1 / (24.01 * 24.01);
                double w1 = 1 / (25.01 * 25.01);
                assertThat((double) out.toFloatArray()[1]).isCloseTo(w1 / (w0 + w1), within(1e-5));
            }
        }
    }

    @Test
    void keeps_a_query_equal_to_a_stored_vector_and_leaves_features_alone_at_rate_zero() {
        float[] vecs = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        try (DjlIndexRetrieval r = DjlIndexRetrieval.load(RetrievalIndex.flat(3, vecs), manager);
                NDManager call = manager.newSubManager()) {
            NDArray q = call.create(new float[] {4, 5, 6}, new Shape(1, 3));
            // RVC divides by a zero distance (NaN); the defined result is the matching vector
            assertThat(r.blend(q, 1.0).toFloatArray()).containsExactly(4, 5, 6);
            NDArray other = call.create(new float[] {0.5f, 0.25f, 2}, new Shape(1, 3));
            assertThat(r.blend(other, 0.0).toFloatArray()).containsExactly(0.5f, 0.25f, 2);
        }
    }

    @Test
    void rejects_features_of_the_wrong_width_and_an_inner_product_index() {
        try (DjlIndexRetrieval r = DjlIndexRetrieval.load(RetrievalIndex.flat(3, new float[9]), manager);
                NDManager call = manager.newSubManager()) {
            assertThatThrownBy(() -> r.search(call.create(new float[4], new Shape(1, 4))))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dimension 3");
        }
        assertThatThrownBy(() -> new RetrievalIndex(2, 1, new float[] {0, 0}, new long[][] {{0}},
                new float[][] {{1}})).isInstanceOf(InvalidModelFileException.class);
    }

    @Test
    void reads_the_rvc_ivf_index_written_by_faiss() {
        RetrievalIndex index = RetrievalIndex.read(Fixtures.path("pipeline/tiny_v1.index"));
        // n_ivf = min(int(16 * sqrt(440)), 440 // 39) = 11 (RVC train_index), nprobe stored as 1
        assertThat(index.dim()).isEqualTo(256);
        assertThat(index.listCount()).isEqualTo(11);
        assertThat(index.nprobe()).isEqualTo(1);
        assertThat(index.size()).isEqualTo(440);
        assertThat(index.reconstructAll()).hasSize(440 * 256);
    }

    private static float[] random(Random rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) rnd.nextGaussian();
        }
        return out;
    }
}
