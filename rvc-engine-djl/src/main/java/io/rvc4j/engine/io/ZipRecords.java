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
 * The records of a ZIP archive held in memory, read from its central directory. torch.save writes stored (uncompressed)
 * records, so those are zero-copy slices; deflated records are inflated with a cap. Every offset is bounds-checked.
 */
final class ZipRecords {

    private static final int EOCD_SIG = 0x06054b50;
    private static final int EOCD64_LOCATOR_SIG = 0x07064b50;
    private static final int EOCD64_SIG = 0x06064b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int LOC_SIG = 0x04034b50;
    private static final int EOCD_MIN = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int MAX_ENTRIES = 1 << 20;
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

    private final ByteBuffer buf;
    private final String source;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    ZipRecords(ByteBuffer data, String source) {
        this.buf = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
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
        Entry e = entries.get(name);
        if (e == null) {
            throw error("archive has no record '" + PickleText.clip(name) + "'");
        }
        long loc = e.localOffset;
        check(loc, 30, "local header");
        if (buf.getInt((int) loc) != LOC_SIG) {
            throw error("bad local header signature for '" + PickleText.clip(name) + "'");
        }
        long dataStart = loc + 30 + (buf.getShort((int) loc + 26) & 0xffff) + (buf.getShort((int) loc + 28) & 0xffff);
        check(dataStart, e.compressedSize, "record '" + PickleText.clip(name) + "'");
        ByteBuffer raw = buf.duplicate().position((int) dataStart).limit((int) (dataStart + e.compressedSize)).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        if (e.method == STORED) {
            if (e.size != e.compressedSize) {
                throw error("stored record '" + PickleText.clip(name) + "' has inconsistent sizes");
            }
            return raw;
        }
        if (e.method == DEFLATED) {
            long plausible = MAX_INFLATE_RATIO * e.compressedSize + INFLATE_SLACK;
            return inflate(raw, Math.min(Math.min(e.size, maxInflated), plausible), name);
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
        int eocd = findEocd();
        long count = buf.getShort(eocd + 10) & 0xffff;
        long cdOffset = buf.getInt(eocd + 16) & 0xffffffffL;
        if (eocd >= 20 && buf.getInt(eocd - 20) == EOCD64_LOCATOR_SIG) {
            long eocd64 = buf.getLong(eocd - 20 + 8);
            check(eocd64, 56, "zip64 end record");
            if (buf.getInt((int) eocd64) != EOCD64_SIG) {
                throw error("bad zip64 end record");
            }
            count = buf.getLong((int) eocd64 + 32);
            cdOffset = buf.getLong((int) eocd64 + 48);
        }
        if (count < 0 || count > MAX_ENTRIES) {
            throw error("absurd zip entry count " + count);
        }
        long p = cdOffset;
        for (long i = 0; i < count; i++) {
            check(p, 46, "central directory");
            int at = (int) p;
            if (buf.getInt(at) != CEN_SIG) {
                throw error("bad central directory signature at offset " + p);
            }
            int method = buf.getShort(at + 10) & 0xffff;
            long csize = buf.getInt(at + 20) & 0xffffffffL;
            long size = buf.getInt(at + 24) & 0xffffffffL;
            int nameLen = buf.getShort(at + 28) & 0xffff;
            int extraLen = buf.getShort(at + 30) & 0xffff;
            int commentLen = buf.getShort(at + 32) & 0xffff;
            long local = buf.getInt(at + 42) & 0xffffffffL;
            check(p + 46, (long) nameLen + extraLen + commentLen, "central directory entry");
            byte[] nameBytes = new byte[nameLen];
            buf.get(at + 46, nameBytes);
            long[] z64 = zip64(at + 46 + nameLen, extraLen, size, csize, local);
            entries.put(new String(nameBytes, StandardCharsets.UTF_8), new Entry(z64[2], z64[1], z64[0], method));
            p += 46L + nameLen + extraLen + commentLen;
        }
    }

    /** Applies a zip64 extended-information extra field to the 0xffffffff placeholders: {size, csize, local}. */
    private long[] zip64(int extraAt, int extraLen, long size, long csize, long local) {
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

    private int findEocd() {
        int limit = buf.limit();
        for (int p = limit - EOCD_MIN; p >= Math.max(0, limit - EOCD_MIN - MAX_COMMENT); p--) {
            if (buf.getInt(p) == EOCD_SIG) {
                return p;
            }
        }
        throw error("not a complete zip archive (no end-of-central-directory record; truncated?)");
    }

    private void check(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset > buf.limit() || length > buf.limit() - offset) {
            throw error(what + " at offset " + offset + " (+" + length + ") lies outside the " + buf.limit()
                    + "-byte file (truncated or corrupt)");
        }
    }

    private InvalidModelFileException error(String what) {
        return new InvalidModelFileException(source + ": " + what);
    }
}
