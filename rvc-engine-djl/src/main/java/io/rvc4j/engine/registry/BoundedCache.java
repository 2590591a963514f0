package io.rvc4j.engine.registry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by entry count and by total weight (bytes), for loaded models. Evicted values
 * go to a listener (e.g. to close their native memory). The most recently inserted value is never evicted by its own
 * insertion, even when it alone exceeds the byte bound: a caller always gets a cached (and later released) value.
 * Thread-safe; loading happens outside the lock, so a slow load does not block lookups of other keys.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BoundedCache<K, V> {

    private final int maxEntries;
    private final long maxBytes;
    private final ToLongFunction<V> weigher;
    private final Consumer<V> onEvict;
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /**
     * @param maxEntries most values kept (at least 1)
     * @param maxBytes most total weight kept (at least 1)
     * @param weigher a value's weight in bytes (non-negative)
     * @param onEvict called, outside the lock, with each value the cache drops
     */
    public BoundedCache(int maxEntries, long maxBytes, ToLongFunction<V> weigher, Consumer<V> onEvict) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("cache bounds must be positive: " + maxEntries + " entries, "
                    + maxBytes + " bytes");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.weigher = Objects.requireNonNull(weigher);
        this.onEvict = Objects.requireNonNull(onEvict);
    }

    public Optional<V> get(K key) {
        synchronized (this) {
            return Optional.ofNullable(map.get(key));
        }
    }

    /** The cached value, or {@code loader}'s result, cached. If two threads load at once, the first put wins. */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> loader) {
        Optional<V> hit = get(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        V loaded = Objects.requireNonNull(loader.apply(key), "loader returned null");
        return store(key, loaded, true);
    }

    /** Caches {@code value} under {@code key}, replacing (and evicting) any previous value. */
    public void put(K key, V value) {
        store(key, value, false);
    }

    /** Stores and evicts under the lock; runs the eviction listener after releasing it. Returns the cached value. */
    private V store(K key, V value, boolean onlyIfAbsent) {
        long w = weigher.applyAsLong(value);
        if (w < 0) {
            throw new IllegalArgumentException("negative weight " + w);
        }
        List<V> evicted = new ArrayList<>();
        V result = value;
        synchronized (this) {
            V existing = map.get(key);
            if (onlyIfAbsent && existing != null) {
                // Another thread cached this key while we were loading: keep theirs, release ours.
                evicted.add(value);
                result = existing;
            } else {
                map.put(key, value);
                if (existing != null) {
                    bytes -= weigher.applyAsLong(existing);
                    if (existing != value) {
                        evicted.add(existing);
                    }
                }
                bytes += w;
                Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
                while ((map.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
                    Map.Entry<K, V> eldest = it.next();
                    if (eldest.getKey().equals(key)) {
                        continue;
                    }
                    bytes -= weigher.applyAsLong(eldest.getValue());
                    evicted.add(eldest.getValue());
                    it.remove();
                }
            }
        }
        evicted.forEach(onEvict);
        return result;
    }

    /** Drops one key (the value goes to the eviction listener). */
    public void invalidate(K key) {
        V old;
        synchronized (this) {
            old = map.remove(key);
            if (old != null) {
                bytes -= weigher.applyAsLong(old);
            }
        }
        if (old != null) {
            onEvict.accept(old);
        }
    }

    /** Drops everything. */
    public void clear() {
        List<V> all;
        synchronized (this) {
            all = new ArrayList<>(map.values());
            map.clear();
            bytes = 0;
        }
        all.forEach(onEvict);
    }

    public synchronized int size() {
        return map.size();
    }

    public synchronized long weightedBytes() {
        return bytes;
    }
}
