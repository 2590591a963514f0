package io.rvc4j.engine.pitch;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import io.rvc4j.core.error.ModelNotFoundException;
import io.rvc4j.engine.io.TorchCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A network loaded from a weights file on first use, then shared by every call (loading is synchronised; inference on
 * read-only weight arrays is safe from several threads). Owns the NDManager that holds the weights.
 *
 * @param <T> the network type
 */
final class LazyModel<T> implements AutoCloseable {
    private final Path file;
    private final Device device;
    private final Function<StateDict, T> builder;
    private NDManager manager;
    private volatile T model;
    private boolean closed;

    LazyModel(Path file, Device device, Function<StateDict, T> builder) {
        this.file = file;
        this.device = device;
        this.builder = builder;
    }

    Path file() {
        return file;
    }

    /** The model, loading it on the first call. */
    T get() {
        T m = model;
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("pitch model " + file + " is closed");
            }
            if (model == null) {
                if (!Files.isRegularFile(file)) {
                    throw new ModelNotFoundException("pitch model weights not found: looked for " + file.toAbsolutePath());
                }
                NDManager mgr = newManager();
                try {
                    T built = builder.apply(new StateDict(TorchCheckpoint.readStateDict(file), file.toString(), mgr));
                    manager = mgr; // before the volatile write that publishes both
                    model = built;
                } catch (RuntimeException e) {
                    mgr.close();
                    throw e;
                }
            }
            return model;
        }
    }

    /** The manager holding the weights; per-call sub-managers hang off it. */
    NDManager manager() {
        get();
        return manager;
    }

    private NDManager newManager() {
        try {
            return NDManager.newBaseManager(device, "PyTorch");
        } catch (EngineException | IllegalArgumentException e) {
            throw new io.rvc4j.core.error.EngineException("cannot start DJL's PyTorch engine on " + device, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (manager != null) {
            manager.close();
            manager = null;
        }
        model = null;
    }
}
