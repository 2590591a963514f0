package io.rvc4j.engine.io;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Reads a whole model file into the heap, for formats parsed all at once (FAISS, NumPy, legacy torch, inspection). */
final class ModelBytes {

    /** Largest file we read: Java buffers are int-indexed; real RVC/HuBERT/RMVPE files are 50 to 400 MB. */
    static final long MAX_FILE_BYTES = ByteSource.MAX_FILE_BYTES;

    private ModelBytes() {
    }

    static ByteBuffer read(Path file) {
        return ByteSource.open(file).readAll();
    }
}
