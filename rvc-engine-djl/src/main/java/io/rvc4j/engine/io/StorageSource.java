package io.rvc4j.engine.io;

import java.nio.ByteBuffer;

/** Where a checkpoint keeps its storages: the zip's {@code data/} records or the legacy format's trailing blobs. */
interface StorageSource {

    /**
     * The storage's bytes, exactly {@code numel * dtype.bytes()} of them, little-endian.
     *
     * @throws io.rvc4j.core.error.InvalidModelFileException when the storage is missing or shorter than declared
     */
    ByteBuffer bytes(StorageRef ref);

    /** Turns a persistent id (the tuple a pickle's BINPERSID names) into a storage reference. */
    StorageRef resolve(Object persistentId);
}
