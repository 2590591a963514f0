package io.rvc4j.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    private final List<String> evicted = new ArrayList<>();

    /** Values are strings whose weight is their length. */
    private BoundedCache<String, String> cache(int entries, long bytes) {
        return new BoundedCache<>(entries, bytes, String::length, evicted::add);
    }

    @Test
    void evicts_the_least_recently_used_entry_beyond_the_entry_bound() {
        BoundedCache<String, String> c = cache(2, 1000);
        c.put("a", "A");
        c.put("b", "B");
        c.get("a"); // a is now more recent than b
        c.put("c", "C");
        assertThat(c.get("b")).isEmpty();
        assertThat(c.get("a")).contains("A");
        assertThat(evicted).containsExactly("B");
    }

    @Test
    void evicts_until_the_byte_bound_holds() {
        BoundedCache<String, String> c = cache(10, 10);
        c.put("a", "aaaa");
        c.put("b", "bbbb");
        c.put("c", "cccccc");
        assertThat(c.weightedBytes()).isEqualTo(10);
        assertThat(evicted).containsExactly("aaaa");
        assertThat(c.size()).isEqualTo(2);
    }

    @Test
    void keeps_a_single_value_larger_than_the_byte_bound_alone() {
        BoundedCache<String, String> c = cache(10, 5);
        c.put("a", "aa");
        c.put("big", "0123456789");
        assertThat(c.get("big")).isPresent();
        assertThat(c.size()).isEqualTo(1);
        assertThat(evicted).containsExactly("aa");
    }

    @Test
    void loads_once_and_then_serves_from_the_cache() {
        BoundedCache<String, String> c = cache(3, 100);
        List<String> loads = new ArrayList<>();
        c.computeIfAbsent("k", k -> {
            loads.add(k);
            return "V";
        });
        assertThat(c.computeIfAbsent("k", k -> "other")).isEqualTo("V");
        assertThat(loads).containsExactly("k");
    }

    @Test
    void replacing_and_invalidating_release_the_old_value() {
        BoundedCache<String, String> c = cache(3, 100);
        c.put("k", "old");
        c.put("k", "new");
        c.invalidate("k");
        c.put("x", "X");
        c.clear();
        assertThat(evicted).containsExactly("old", "new", "X");
        assertThat(c.size()).isZero();
        assertThat(c.weightedBytes()).isZero();
    }

    @Test
    void rejects_non_positive_bounds() {
        assertThatThrownBy(() -> cache(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
