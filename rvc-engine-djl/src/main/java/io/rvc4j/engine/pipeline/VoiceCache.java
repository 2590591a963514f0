package io.rvc4j.engine.pipeline;

import io.rvc4j.core.model.VoiceModelInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * At most {@code capacity} loaded voice models, least recently used evicted first. A model is loaded once even when
 * several requests ask for it at the same time (the loading happens under the cache lock; loads are rare and slow,
 * conversions are not blocked by them once their model is held). Callers {@link LoadedVoice#acquire() acquire} the
 * model while converting, so eviction never closes a model in use.
 */
final class VoiceCache implements AutoCloseable {
    private final int capacity;
    private final Function<VoiceModelInfo, LoadedVoice> loader;
    private final LinkedHashMap<Key, LoadedVoice> entries = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    private record Key(String modelFile, Optional<String> indexFile) {
        static Key of(VoiceModelInfo info) {
            return new Key(info.modelFile().toAbsolutePath().normalize().toString(),
                    info.indexFile().map(p -> p.toAbsolutePath().normalize().toString()));
        }
    }

    VoiceCache(int capacity, Function<VoiceModelInfo, LoadedVoice> loader) {
        if (capacity < 1) {
            throw new IllegalArgumentException("voice cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.loader = loader;
    }

    /** The loaded model, acquired for the caller, who must {@link LoadedVoice#release()} it. */
    synchronized LoadedVoice acquire(VoiceModelInfo info) {
        if (closed) {
            throw new IllegalStateException("voice converter is closed");
        }
        Key key = Key.of(info);
        LoadedVoice voice = entries.get(key);
        if (voice == null) {
            voice = loader.apply(info);
            entries.put(key, voice);
            List<LoadedVoice> gone = new ArrayList<>();
            Iterator<Map.Entry<Key, LoadedVoice>> it = entries.entrySet().iterator();
            while (entries.size() > capacity && it.hasNext()) {
                Map.Entry<Key, LoadedVoice> e = it.next();
                gone.add(e.getValue());
                it.remove();
            }
            gone.forEach(LoadedVoice::evict);
        }
        voice.acquire();
        return voice;
    }

    synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            entries.values().forEach(LoadedVoice::evict);
            entries.clear();
        }
    }
}
