package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The records of a ZIP archive, read from its central directory. torch.save writes stored (uncompressed) records, so
 * those stay where they are ({@link #window}: a slice in memory, or a range of the file on disk read when needed);
 * deflated records are inflated with a cap. Every offset is bounds-checked against the archive's size.
 */
final class ZipRecords {

    private static final int EOCD_SIG = 0x06054b50;
    private static final int EOCD64_LOCATOR_SIG = 0x07064b50;
    private static final int EOCD64_SIG = 0x06064b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int LOC_SIG = 0x04034b50;
    private static final int EOCD_MIN = 22;
    private static final int EOCD64_LOCATOR = 20;
    private static final int EOCD64_MIN = 56;
    private static final int MAX_COMMENT = 0xffff;
    private static final int MAX_ENTRIES = 1 << 20;
    /** A central directory entry is at least 46 bytes; a million entries fit in this. */
    private static final long MAX_DIRECTORY_BYTES = 256L << 20;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    /**
     * torch.save never compresses; a re-zipped checkpoint's float weights deflate by about 1.1:1 and its pickle by
     * under 10:1. Anything inflating beyond 16:1 (+1 MiB) is treated as a zip bomb rather than trusted to its
     * declared size.
     */
    private static final long MAX_INFLATE_RATIO = 16;
    private static final long INFLATE_SLACK = 1 << 20;

    private record Entry(long localOffset, long compressedSize, long size, int method) {
    }

    private final ByteSource src;
    private final String source;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    ZipRecords(ByteBuffer data, String source) {
        this(ByteSource.of(data, source));
    }

    ZipRecords(ByteSource src) {
        this.src = src;
        this.source = src.label();
        readCentralDirectory();
    }

    static boolean looksLikeZip(ByteBuffer data) {
        return data.remaining() >= 4 && data.order(ByteOrder.LITTLE_ENDIAN).getInt(data.position()) == LOC_SIG;
    }

    Iterable<String> names() {
        return entries.keySet();
    }

    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The record's bytes; {@code maxInflated} caps deflated records, which torch never writes for storages. */
    ByteBuffer read(String name, long maxInflated) {
        StorageSource.Window w = window(name, maxInflated);
        return w.source().read(w.offset(), w.length());
    }

    /**
     * Where the record's bytes are: a stored record is a range of the archive (nothing read yet); a deflated one is
     * inflated now, capped by {@code maxInflated}.
     */
    StorageSource.Window window(String name, long maxInflated) {
        Entry e = entries.get(name);
        if (e == null) {
            throw error("archive has no record '" + PickleText.clip(name) + "'");
        }
        long loc = e.localOffset;
        check(loc, 30, "local header");
        ByteBuffer header = src.read(loc, 30);
        if (header.getInt(0) != LOC_SIG) {
            throw error("bad local header signature for '" + PickleText.clip(name) + "'");
        }
        long dataStart = loc + 30 + (header.getShort(26) & 0xffff) + (header.getShort(28) & 0xffff);
        check(dataStart, e.compressedSize, "record '" + PickleText.clip(name) + "'");
        if (e.method == STORED) {
            if (e.size != e.compressedSize) {
                throw error("stored record '" + PickleText.clip(name) + "' has inconsistent sizes");
            }
            return new StorageSource.Window(src, dataStart, e.compressedSize);
        }
        if (e.method == DEFLATED) {
            long plausible = MAX_INFLATE_RATIO * e.compressedSize + INFLATE_SLACK;
            ByteBuffer raw = src.read(dataStart, e.compressedSize);
            ByteBuffer out = inflate(raw, Math.min(Math.min(e.size, maxInflated), plausible), name);
            return new StorageSource.Window(ByteSource.of(out, source), 0, out.remaining());
        }
        throw error("record '" + PickleText.clip(name) + "' uses unsupported compression method " + e.method);
    }

    private ByteBuffer inflate(ByteBuffer raw, long cap, String name) {
        Inflater inf = new Inflater(true);
        try {
            byte[] in = new byte[raw.remaining()];
            raw.get(in);
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(chunk);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw error("deflated record '" + PickleText.clip(name) + "' is truncated");
                }
                out.write(chunk, 0, n);
                if (out.size() > cap) {
                    throw error("deflated record '" + PickleText.clip(name) + "' inflates beyond " + cap
                            + " bytes (its declared size or a plausible compression ratio)");
                }
            }
            return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (DataFormatException ex) {
            throw new InvalidModelFileException(source + ": corrupt deflated record '" + PickleText.clip(name) + "'", ex);
        } finally {
            inf.end();
        }
    }

    private void readCentralDirectory() {
        long size = src.size();
        // the end record lies in the last 22 + 65 535 bytes; read 20 more for a zip64 locator just before it
        long tailStart = Math.max(0, size - EOCD_MIN - MAX_COMMENT - EOCD64_LOCATOR);
        ByteBuffer tail = src.read(tailStart, size - tailStart);
        int eocd = findEocd(tail);
        long count = tail.getShort(eocd + 10) & 0xffff;
        long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
        long cdEnd = tailStart + eocd;
        if (eocd >= EOCD64_LOCATOR && tail.getInt(eocd - EOCD64_LOCATOR) == EOCD64_LOCATOR_SIG) {
            long eocd64 = tail.getLong(eocd - EOCD64_LOCATOR + 8);
            check(eocd64, EOCD64_MIN, "zip64 end record");
            ByteBuffer rec = src.read(eocd64, EOCD64_MIN);
            if (rec.getInt(0) != EOCD64_SIG) {
                throw error("bad zip64 end record");
            }
            count = rec.getLong(32);
            cdOffset = rec.getLong(48);
            cdEnd = eocd64;
        }
        if (count < 0 || count > MAX_ENTRIES) {
            throw error("absurd zip entry count " + count);
        }
        if (cdOffset < 0 || cdOffset > cdEnd || cdEnd - cdOffset > MAX_DIRECTORY_BYTES) {
            throw error("central directory at offset " + cdOffset + " does not end before its end record at "
                    + cdEnd + " (truncated or corrupt)");
        }
        ByteBuffer cd = src.read(cdOffset, cdEnd - cdOffset);
        int p = 0;
        for (long i = 0; i < count; i++) {
            checkIn(cd, p, 46, cdOffset, "central directory");
            if (cd.getInt(p) != CEN_SIG) {
                throw error("bad central directory signature at offset " + (cdOffset + p));
            }
            int method = cd.getShort(p + 10) & 0xffff;
            long csize = cd.getInt(p + 20) & 0xffffffffL;
            long entrySize = cd.getInt(p + 24) & 0xffffffffL;
            int nameLen = cd.getShort(p + 28) & 0xffff;
            int extraLen = cd.getShort(p + 30) & 0xffff;
            int commentLen = cd.getShort(p + 32) & 0xffff;
            long local = cd.getInt(p + 42) & 0xffffffffL;
            checkIn(cd, p + 46, nameLen + extraLen + commentLen, cdOffset, "central directory entry");
            byte[] nameBytes = new byte[nameLen];
            cd.get(p + 46, nameBytes);
            long[] z64 = zip64(cd, p + 46 + nameLen, extraLen, entrySize, csize, local);
            entries.put(new String(nameBytes, StandardCharsets.UTF_8), new Entry(z64[2], z64[1], z64[0], method));
            p += 46 + nameLen + extraLen + commentLen;
        }
    }

    /** Applies a zip64 extended-information extra field to the 0xffffffff placeholders: {size, csize, local}. */
    private static long[] zip64(ByteBuffer buf, int extraAt, int extraLen, long size, long csize, long local) {
        long[] out = {size, csize, local};
        int p = extraAt;
        int end = extraAt + extraLen;
        while (p + 4 <= end) {
            int id = buf.getShort(p) & 0xffff;
            int len = buf.getShort(p + 2) & 0xffff;
            int q = p + 4;
            if (id == 0x0001) {
                for (int k = 0; k < 3; k++) {
                    if (out[k] == 0xffffffffL && q + 8 <= Math.min(end, p + 4 + len)) {
                        out[k] = buf.getLong(q);
                        q += 8;
                    }
                }
            }
            p += 4 + len;
        }
        return out;
    }

    /** The end record's position in {@code tail}, searching backwards (a comment may follow it). */
    private int findEocd(ByteBuffer tail) {
        for (int p = tail.limit() - EOCD_MIN; p >= 0; p--) {
            if (tail.getInt(p) == EOCD_SIG) {
                return p;
            }
        }
        throw error("not a complete zip archive (no end-of-central-directory record; truncated?)");
    }

    private void check(long offset, long length, String what) {
        long limit = src.size();
        if (offset < 0 || length < 0 || offset > limit || length > limit - offset) {
            throw error(what + " at offset " + offset + " (+" + length + ") lies outside the " + limit
                    + "-byte file (truncated or corrupt)");
        }
    }

    /** Bounds check inside the central directory buffer, reported with file offsets. */
    private void checkIn(ByteBuffer cd, int at, int length, long base, String what) {
        if (at < 0 || length < 0 || length > cd.limit() - at) {
            throw error(what + " at offset " + (base + at) + " (+" + length + ") lies outside the central directory "
                    + "(truncated or corrupt)");
        }
    }

    private InvalidModelFileException error(String what) {
        return new InvalidModelFileException(source + ": " + what);
    }
}
