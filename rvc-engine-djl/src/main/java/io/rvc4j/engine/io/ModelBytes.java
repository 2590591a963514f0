package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.ModelNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a whole model file into the heap (no memory mapping: a file truncated under us must not fault the JVM). */
final class ModelBytes {

    /** Largest file we read: Java buffers are int-indexed; real RVC/HuBERT/RMVPE files are 50 to 400 MB. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private ModelBytes() {
    }

    static ByteBuffer read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_FILE_BYTES) {
                throw new InvalidModelFileException(file + ": " + size + " bytes is larger than the 2 GiB this reader "
                        + "supports");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new InvalidModelFileException(file + ": file shrank while it was read");
                }
            }
            return buf.flip().order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new ModelNotFoundException("Model file not found: " + file);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new InvalidModelFileException(file + ": is a directory, not a model file", e);
            }
            throw new InvalidModelFileException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
