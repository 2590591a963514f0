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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Random access to a model file's bytes, either held in memory (reads are zero-copy slices) or on disk. A file on
 * disk is read with positioned reads when a tensor's bytes are needed, so that a 400 MB checkpoint goes from the page
 * cache straight into the engine's native buffers instead of through a heap copy of the whole file (which made the
 * JVM commit a gigabyte of heap at load time and keep it). No memory mapping: a file truncated under a mapping faults
 * the process; here every read re-opens the file and a file whose size or modification time changed since it was parsed is refused.
 */
abstract class ByteSource {

    /** Largest file we read: Java buffers are int-indexed; real RVC/HuBERT/RMVPE files are 50 to 400 MB. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private final String label;

    private ByteSource(String label) {
        this.label = label;
    }

    /** Bytes already in memory; reads are read-only slices of them. */
    static ByteSource of(ByteBuffer data, String label) {
        return new Memory(data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN), label);
    }

    /**
     * A file on disk, checked now (exists, is a file, not over {@link #MAX_FILE_BYTES}) and read on demand.
     *
     * @throws ModelNotFoundException when the file does not exist
     * @throws InvalidModelFileException when it is a directory, too large or unreadable
     */
    static ByteSource open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_FILE_BYTES) {
                throw new InvalidModelFileException(file + ": " + size + " bytes is larger than the 2 GiB this reader "
                        + "supports");
            }
            return new OnDisk(file, size, Files.getLastModifiedTime(file).toMillis());
        } catch (NoSuchFileException e) {
            throw new ModelNotFoundException("Model file not found: " + file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    private static InvalidModelFileException cannotRead(Path file, IOException e) {
        if (Files.isDirectory(file)) {
            return new InvalidModelFileException(file + ": is a directory, not a model file", e);
        }
        return new InvalidModelFileException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }

    /** What errors name: the file's path or an in-memory label. */
    final String label() {
        return label;
    }

    abstract long size();

    /**
     * {@code length} bytes from {@code offset}, little-endian, position 0.
     *
     * @throws InvalidModelFileException when the range lies outside the source
     */
    final ByteBuffer read(long offset, long length) {
        check(offset, length);
        return readChecked(offset, (int) length);
    }

    /** Fills {@code dst}'s remaining bytes from {@code offset} (a direct buffer receives them without a heap copy). */
    final void readInto(long offset, ByteBuffer dst) {
        check(offset, dst.remaining());
        readIntoChecked(offset, dst);
    }

    /** The whole content (small files, or formats that need it all at once). */
    final ByteBuffer readAll() {
        return read(0, size());
    }

    /** SHA-256 of the content as lower-case hex, read in 1 MiB pieces. */
    final String sha256() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long piece = 1 << 20;
        for (long at = 0; at < size(); at += piece) {
            md.update(read(at, Math.min(piece, size() - at)));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private void check(long offset, long length) {
        if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 8 || offset > size()
                || length > size() - offset) {
            throw new InvalidModelFileException(label + ": bytes " + offset + " (+" + length + ") lie outside the "
                    + size() + "-byte file (truncated or corrupt)");
        }
    }

    abstract ByteBuffer readChecked(long offset, int length);

    abstract void readIntoChecked(long offset, ByteBuffer dst);

    private static final class Memory extends ByteSource {
        private final ByteBuffer data;

        Memory(ByteBuffer data, String label) {
            super(label);
            this.data = data;
        }

        @Override
        long size() {
            return data.remaining();
        }

        @Override
        ByteBuffer readChecked(long offset, int length) {
            return data.duplicate().position((int) offset).limit((int) offset + length).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        void readIntoChecked(long offset, ByteBuffer dst) {
            dst.put(readChecked(offset, dst.remaining()));
        }
    }

    private static final class OnDisk extends ByteSource {
        private final Path file;
        private final long size;
        private final long modified;

        OnDisk(Path file, long size, long modified) {
            super(file.toString());
            this.file = file;
            this.size = size;
            this.modified = modified;
        }

        @Override
        long size() {
            return size;
        }

        @Override
        ByteBuffer readChecked(long offset, int length) {
            ByteBuffer out = ByteBuffer.allocate(length);
            readIntoChecked(offset, out);
            return out.flip().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        void readIntoChecked(long offset, ByteBuffer dst) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                if (ch.size() != size || Files.getLastModifiedTime(file).toMillis() != modified) {
                    throw new InvalidModelFileException(file + ": the file changed while it was loaded (" + size
                            + " bytes when parsed, " + ch.size() + " now); load it again");
                }
                long at = offset;
                while (dst.hasRemaining()) {
                    int n = ch.read(dst, at);
                    if (n < 0) {
                        throw new InvalidModelFileException(file + ": file shrank while it was read");
                    }
                    at += n;
                }
            } catch (NoSuchFileException e) {
                throw new ModelNotFoundException("Model file not found (removed while it was loaded): " + file);
            } catch (IOException e) {
                throw cannotRead(file, e);
            }
        }
    }
}
