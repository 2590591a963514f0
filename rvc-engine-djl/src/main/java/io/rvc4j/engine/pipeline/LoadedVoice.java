package io.rvc4j.engine.pipeline;

import ai.djl.ndarray.NDManager;
import io.rvc4j.core.model.VoiceProfile;
import io.rvc4j.engine.hubert.FeatureSet;
import io.rvc4j.engine.retrieval.DjlIndexRetrieval;
import io.rvc4j.engine.synth.DjlSynthesizer;

/**
 * A voice model in memory: its synthesizer, its optional index on the device, and what it needs from the content
 * encoder. Reference-counted by {@link VoiceCache} so an evicted model is closed only when its last user is done.
 */
final class LoadedVoice implements AutoCloseable {
    private final DjlSynthesizer synthesizer;
    private final DjlIndexRetrieval retrieval;
    private final VoiceProfile profile;
    private final NDManager manager;
    private final long bytes;
    /** Serialises non-deterministic synthesis: calls with noise share the engine's random generator. */
    private final Object noiseLock = new Object();
    private int users;
    private boolean evicted;
    private boolean closed;

    /**
     * @param bytes what the model holds in memory, for the cache's byte bound (see {@link VoiceModelLoader})
     */
    LoadedVoice(DjlSynthesizer synthesizer, DjlIndexRetrieval retrieval, VoiceProfile profile, NDManager manager,
            long bytes) {
        this.bytes = bytes;
        this.synthesizer = synthesizer;
        this.retrieval = retrieval;
        this.profile = profile;
        this.manager = manager;
    }

    DjlSynthesizer synthesizer() {
        return synthesizer;
    }

    /** The index, or null when the model has none. */
    DjlIndexRetrieval retrieval() {
        return retrieval;
    }

    VoiceProfile profile() {
        return profile;
    }

    /** The weight for the cache's byte bound. */
    long bytes() {
        return bytes;
    }

    FeatureSet features() {
        return FeatureSet.of(profile.version());
    }

    Object noiseLock() {
        return noiseLock;
    }

    synchronized void acquire() {
        if (closed) {
            throw new IllegalStateException("voice model is closed");
        }
        users++;
    }

    synchronized void release() {
        users--;
        if (evicted && users == 0) {
            close();
        }
    }

    /** Marks the model as gone from the cache; it closes now if idle, else when its last user releases it. */
    synchronized void evict() {
        evicted = true;
        if (users == 0) {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            synthesizer.close();
            if (retrieval != null) {
                retrieval.close();
            }
            manager.close();
        }
    }
}
