package io.rvc4j.engine.retrieval;

/**
 * The result of a k-nearest-neighbour search, FAISS style: per query {@code k} ids and squared L2 distances sorted
 * ascending; a slot with no neighbour holds id -1 and distance {@link Float#MAX_VALUE}.
 */
public record Neighbours(int queries, int k, long[] ids, float[] distances) {

    public long id(int query, int rank) {
        return ids[query * k + rank];
    }

    public float distance(int query, int rank) {
        return distances[query * k + rank];
    }
}
