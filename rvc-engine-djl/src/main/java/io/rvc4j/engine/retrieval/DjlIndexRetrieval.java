package io.rvc4j.engine.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rvc4j.core.error.InvalidParameterException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RVC's index blend (reference note sections 3.9 step 3 and 6.2): search the k = 8 nearest stored vectors of each
 * 50 Hz feature frame with the index's own {@code nprobe}, weight them by {@code (1/D)²} (D = squared L2 distance)
 * normalised per frame, and mix {@code index_rate · retrieved + (1 - index_rate) · features}.
 *
 * <p>The stored matrix ({@code big}) and the coarse centroids live on the device, made once per model. The coarse
 * assignment runs there as {@code ‖x‖² + ‖c‖² - 2x·c}, as FAISS does through BLAS for 20 or more queries (fewer
 * queries are assigned exactly on the host, as FAISS does); the scan of the probed lists is exact, on the host. A
 * Flat index is searched exhaustively on the device with the same expansion (FAISS's BLAS path).
 *
 * <p>Two edge cases where RVC yields NaN features are defined here instead: a frame whose probed list is empty keeps
 * its own features, and a zero distance (a query equal to a stored vector) takes that vector alone.
 *
 * <p>Immutable after loading; safe for concurrent calls.
 */
public final class DjlIndexRetrieval implements AutoCloseable {
    /** {@code index.search(npy, k=8)} [RVC pipeline.py]. */
    public static final int K = 8;
    /** FAISS {@code distance_compute_blas_threshold}: from this many queries on, distances go through BLAS. */
    static final int BLAS_THRESHOLD = 20;
    /** Query rows per block of the exhaustive device search (bounds the {@code [rows, ntotal]} distance matrix). */
    private static final int FLAT_BLOCK = 256;

    private final RetrievalIndex index;
    private final NDManager manager;
    private final IvfScan scan;
    private final NDArray big;
    private final NDArray bigNorms;
    private final NDArray centroids;
    private final NDArray centroidNorms;
    private volatile boolean closed;

    private DjlIndexRetrieval(RetrievalIndex index, NDManager parent) {
        this.index = index;
        this.manager = parent.newSubManager();
        try {
            this.scan = new IvfScan(index);
            int d = index.dim();
            // written straight into a native buffer that the engine adopts (no heap copy of the whole index)
            int floats = index.floatCount();
            ByteBuffer all = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
            index.reconstructInto(all.asFloatBuffer());
            this.big = manager.create(all, new Shape(floats / d, d), DataType.FLOAT32);
            if (index.isFlat()) {
                this.bigNorms = big.square().sum(new int[] {1}).reshape(1, -1);
                this.centroids = null;
                this.centroidNorms = null;
            } else {
                this.bigNorms = null;
                this.centroids = manager.create(index.centroids(), new Shape(index.listCount(), d));
                this.centroidNorms = centroids.square().sum(new int[] {1}).reshape(1, -1);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Puts the index on {@code parent}'s device. */
    public static DjlIndexRetrieval load(RetrievalIndex index, NDManager parent) {
        return new DjlIndexRetrieval(index, parent);
    }

    public int dim() {
        return index.dim();
    }

    /** The k = 8 nearest stored vectors of each row of {@code features} ({@code [T, dim]}), as FAISS returns them. */
    public Neighbours search(NDArray features) {
        checkOpen();
        int n = checkFeatures(features);
        if (index.isFlat()) {
            return flatSearch(features, n);
        }
        float[] q = features.toType(DataType.FLOAT32, false).toFloatArray();
        int nprobe = Math.min(index.nprobe(), index.listCount());
        int[] probes = n < BLAS_THRESHOLD ? scan.assignExactly(q, n, nprobe) : assignOnDevice(features, nprobe);
        return scan.search(q, n, probes, nprobe, K);
    }

    /**
     * The blended features {@code index_rate · Σ w·big[I] + (1 - index_rate) · features}, on {@code features}'
     * manager; {@code features} itself is unchanged.
     */
    public NDArray blend(NDArray features, double indexRate) {
        if (!(indexRate >= 0 && indexRate <= 1)) {
            throw new InvalidParameterException("index_rate", "must be between 0 and 1, got " + indexRate);
        }
        Neighbours nb = search(features);
        int n = nb.queries();
        long[] ids = new long[n * K];
        float[] weights = new float[n * K];
        float[] valid = new float[n];
        for (int t = 0; t < n; t++) {
            valid[t] = rowWeights(nb, t, ids, weights) ? 1f : 0f;
        }
        NDManager owner = features.getManager();
        try (NDManager call = owner.newSubManager()) {
            NDArray f = features.toType(DataType.FLOAT32, true);
            f.attach(call);
            NDArray idx = call.create(ids).toDevice(big.getDevice(), false);
            NDArray w = call.create(weights, new Shape(n, K, 1)).toDevice(f.getDevice(), false);
            NDArray mask = call.create(valid, new Shape(n, 1)).toDevice(f.getDevice(), false);
            NDArray gathered = big.get(idx);
            gathered.attach(call);
            NDArray ret = gathered.reshape(n, K, index.dim()).mul(w).sum(new int[] {1});
            ret = ret.mul(mask).add(f.mul(mask.neg().add(1f)));
            float rate = (float) indexRate;
            NDArray out = ret.mul(rate).add(f.mul(1f - rate));
            out.attach(owner);
            return out;
        }
    }

    /**
     * Fills row {@code t} of the gather ids and weights: {@code w = (1/D)²} normalised, in float32 as numpy does.
     * Returns false when the row has no neighbour at all.
     */
    private static boolean rowWeights(Neighbours nb, int t, long[] ids, float[] weights) {
        int base = t * K;
        for (int r = 0; r < K; r++) {
            if (nb.id(t, r) >= 0 && nb.distance(t, r) == 0f) {
                ids[base] = nb.id(t, r);
                weights[base] = 1f;
                return true;
            }
        }
        float sum = 0f;
        for (int r = 0; r < K; r++) {
            long id = nb.id(t, r);
            float inv = 1f / nb.distance(t, r);
            float w = id < 0 ? 0f : inv * inv;
            ids[base + r] = Math.max(id, 0);
            weights[base + r] = w;
            sum += w;
        }
        if (!(sum > 0f)) {
            return false;
        }
        for (int r = 0; r < K; r++) {
            weights[base + r] /= sum;
        }
        return true;
    }

    private int[] assignOnDevice(NDArray features, int nprobe) {
        try (NDManager call = features.getManager().newSubManager()) {
            NDArray x = features.toType(DataType.FLOAT32, true);
            x.attach(call);
            NDArray d = squaredDistances(x, centroids, centroidNorms);
            NDArray nearest = d.neg().topK(nprobe, 1, true, true).get(1);
            long[] l = nearest.toType(DataType.INT64, false).toLongArray();
            int[] out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = (int) l[i];
            }
            return out;
        }
    }

    private Neighbours flatSearch(NDArray features, int n) {
        int k = (int) Math.min(K, big.getShape().get(0));
        long[] ids = new long[n * K];
        float[] dist = new float[n * K];
        java.util.Arrays.fill(ids, -1);
        java.util.Arrays.fill(dist, Float.MAX_VALUE);
        try (NDManager call = features.getManager().newSubManager()) {
            NDArray x = features.toType(DataType.FLOAT32, true);
            x.attach(call);
            for (int s = 0; s < n; s += FLAT_BLOCK) {
                int e = Math.min(n, s + FLAT_BLOCK);
                NDArray d = squaredDistances(x.get(s + ":" + e), big, bigNorms);
                NDList top = d.neg().topK(k, 1, true, true);
                float[] dv = top.get(0).neg().toFloatArray();
                long[] iv = top.get(1).toType(DataType.INT64, false).toLongArray();
                for (int r = 0; r < e - s; r++) {
                    for (int j = 0; j < k; j++) {
                        ids[(s + r) * K + j] = iv[r * k + j];
                        dist[(s + r) * K + j] = Math.max(0f, dv[r * k + j]);
                    }
                }
            }
        }
        return new Neighbours(n, K, ids, dist);
    }

    /** {@code ‖x‖² + ‖y‖² - 2 x·yᵀ}, {@code [rows(x), rows(y)]}, attached to x's manager. */
    private static NDArray squaredDistances(NDArray x, NDArray y, NDArray yNorms) {
        NDArray xn = x.square().sum(new int[] {1}, true);
        NDArray yt = y.transpose();
        yt.attach(x.getManager());  // an op on a model array lands on the model's manager: move it to the call's
        return x.matMul(yt).mul(-2f).add(xn).add(yNorms);
    }

    private int checkFeatures(NDArray features) {
        Shape s = features.getShape();
        if (s.dimension() != 2 || s.get(1) != index.dim()) {
            throw new InvalidParameterException("index", "features of shape " + s + " do not fit an index of dimension "
                    + index.dim());
        }
        return (int) s.get(0);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("index retrieval is closed");
        }
    }

    /** Frees the device matrices; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
