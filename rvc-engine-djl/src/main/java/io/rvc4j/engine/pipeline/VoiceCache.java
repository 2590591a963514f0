package io.rvc4j.engine.pipeline;

import io.rvc4j.core.model.VoiceModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loaded voice models, bounded by count and by bytes ({@link LoadedVoice#bytes()}), least recently used evicted first.
 * The model just loaded is never evicted by its own arrival, even when it alone exceeds the byte bound: the caller
 * needs it. A model is loaded once even when several requests ask for it at the same time (the loading happens under
 * the cache lock; loads are rare and slow, conversions are not blocked by them once their model is held). Callers
 * {@link LoadedVoice#acquire() acquire} the model while converting, so eviction never closes a model in use.
 *
 * <p>Entries are keyed by the files' paths and checked against the files' size and modification time on every
 * acquire: a model deleted and uploaded again under the same name is loaded afresh, not served from the old weights.
 */
final class VoiceCache implements AutoCloseable {
    private final int capacity;
    private final long maxBytes;
    private final Function<VoiceModelInfo, LoadedVoice> loader;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private boolean closed;

    private record Key(String modelFile, Optional<String> indexFile) {
        static Key of(VoiceModelInfo info) {
            return new Key(info.modelFile().toAbsolutePath().normalize().toString(),
                    info.indexFile().map(p -> p.toAbsolutePath().normalize().toString()));
        }
    }

    /** What the files looked like when they were loaded; a different stamp means the files were replaced. */
    private record Stamp(FileStamp model, Optional<FileStamp> index) {
        static Stamp of(VoiceModelInfo info) {
            return new Stamp(FileStamp.of(info.modelFile()), info.indexFile().map(FileStamp::of));
        }
    }

    /** Size and modification time; a missing file stamps as absent (loading it then reports the error). */
    private record FileStamp(long size, long modifiedNanos, Object fileKey) {
        static FileStamp of(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                return new FileStamp(a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                        a.fileKey());
            } catch (IOException e) {
                return new FileStamp(-1, -1, null);
            }
        }
    }

    private record Entry(LoadedVoice voice, Stamp stamp) {
    }

    /**
     * @param capacity most models kept loaded (at least 1)
     * @param maxBytes most {@link LoadedVoice#bytes()} kept loaded in all (at least 1)
     */
    VoiceCache(int capacity, long maxBytes, Function<VoiceModelInfo, LoadedVoice> loader) {
        if (capacity < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("voice cache bounds must be positive, got " + capacity + " models and "
                    + maxBytes + " bytes");
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.loader = loader;
    }

    /** The loaded model, acquired for the caller, who must {@link LoadedVoice#release()} it. */
    synchronized LoadedVoice acquire(VoiceModelInfo info) {
        if (closed) {
            throw new IllegalStateException("voice converter is closed");
        }
        Key key = Key.of(info);
        Stamp stamp = Stamp.of(info);
        Entry entry = entries.get(key);
        if (entry != null && !entry.stamp().equals(stamp)) {
            // The file was replaced (or its index): forget the old weights.
            entries.remove(key);
            bytes -= entry.voice().bytes();
            entry.voice().evict();
            entry = null;
        }
        if (entry == null) {
            entry = new Entry(loader.apply(info), stamp);
            entries.put(key, entry);
            bytes += entry.voice().bytes();
            List<LoadedVoice> gone = new ArrayList<>();
            Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
            while ((entries.size() > capacity || bytes > maxBytes) && it.hasNext()) {
                Map.Entry<Key, Entry> e = it.next();
                if (e.getKey().equals(key)) {
                    continue;
                }
                bytes -= e.getValue().voice().bytes();
                gone.add(e.getValue().voice());
                it.remove();
            }
            gone.forEach(LoadedVoice::evict);
        }
        entry.voice().acquire();
        return entry.voice();
    }

    synchronized int size() {
        return entries.size();
    }

    /** Sum of the cached models' {@link LoadedVoice#bytes()}. */
    synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            entries.values().forEach(e -> e.voice().evict());
            entries.clear();
            bytes = 0;
        }
    }
}
