package io.rvc4j.engine.io;

/** Where a checkpoint keeps its storages: the zip's {@code data/} records or the legacy format's trailing blobs. */
interface StorageSource {

    /** A storage's place: {@code length} bytes from {@code offset} of {@code source}, little-endian. */
    record Window(ByteSource source, long offset, long length) {
    }

    /**
     * Where the storage's bytes are, exactly {@code numel * dtype.bytes()} of them; nothing is read yet.
     *
     * @throws io.rvc4j.core.error.InvalidModelFileException when the storage is missing or shorter than declared
     */
    Window bytes(StorageRef ref);

    /** Turns a persistent id (the tuple a pickle's BINPERSID names) into a storage reference. */
    StorageRef resolve(Object persistentId);
}
