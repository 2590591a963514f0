package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.FaissIndex.InvertedList;
import io.rvc4j.engine.io.FaissIndex.Metric;
import io.rvc4j.engine.io.FaissIndex.Type;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads FAISS {@code write_index} files: {@code IwFl} (IndexIVFFlat) with an {@code IxF2}/{@code IxFI}/{@code IxFl}
 * quantizer and {@code ilar} inverted lists ("full" or "sprs" sizes), and standalone flat indexes. Layout: FAISS
 * {@code impl/index_read.cpp}, summarised in rvc-reference.md section 6.3. Every count is checked against the bytes
 * left before anything is allocated.
 */
public final class FaissReader {

    /** Largest dimension we accept; RVC uses 256 or 768. */
    private static final int MAX_D = 1 << 16;
    /** Largest nlist; RVC's formula gives at most a few thousand. */
    private static final long MAX_NLIST = 1 << 24;
    private static final int METRIC_IP = 0;
    private static final int METRIC_L2 = 1;
    private static final int DIRECT_MAP_HASHTABLE = 2;

    /** Bytes read from the file at a time for headers and list sizes; vectors are read list by list. */
    private static final int WINDOW = 1 << 20;

    private final ByteSource src;
    private final String source;
    /** The next byte to parse, as a file offset. */
    private long pos;
    /** A piece of the file from {@link #windowStart}, so that small fields do not each cost a read. */
    private ByteBuffer window = ByteBuffer.allocate(0);
    private long windowStart;

    private FaissReader(ByteSource src) {
        this.src = src;
        this.source = src.label();
    }

    /** Reads an index file piece by piece (the vectors list by list; never the whole file at once). */
    public static FaissIndex read(Path file) {
        return new FaissReader(ByteSource.open(file)).index(true);
    }

    /**
     * The header of an index file (type, dimension, vector count, metric, and for IVF nlist and nprobe), read from the
     * first bytes only: the centroids and vectors are not read. The vector count is checked against the file size.
     */
    public static FaissIndex.Header readHeader(Path file) {
        FaissReader r = new FaissReader(ByteSource.open(file));
        String h = r.fourcc();
        return switch (h) {
            case "IwFl" -> {
                BaseHeader head = r.header();
                long nlist = r.i64();
                long nprobe = r.i64();
                r.checkIvf(nlist, nprobe);
                yield new FaissIndex.Header(Type.IVF_FLAT, head.d, head.ntotal, head.metric, (int) nlist,
                        (int) nprobe);
            }
            case "IxF2", "IxFI", "IxFl" -> {
                BaseHeader head = r.header();
                yield new FaissIndex.Header(Type.FLAT, head.d, head.ntotal, head.metric, 1, 1);
            }
            default -> throw r.error("unsupported index type '" + printable(h) + "' (only IVF-Flat and flat indexes)");
        };
    }

    public static FaissIndex read(byte[] content) {
        return new FaissReader(ByteSource.of(ByteBuffer.wrap(content), "<in-memory index>")).index(true);
    }

    static FaissIndex read(ByteBuffer content, String source) {
        return new FaissReader(ByteSource.of(content, source)).index(true);
    }

    private FaissIndex index(boolean top) {
        String h = fourcc();
        FaissIndex result = switch (h) {
            case "IwFl" -> {
                if (!top) {
                    throw error("an IVF index cannot be a quantizer here");
                }
                yield ivf();
            }
            case "IxF2", "IxFI", "IxFl" -> flat();
            default -> throw error("unsupported index type '" + printable(h) + "' (only IVF-Flat and flat indexes)");
        };
        if (top && remaining() > 0) {
            throw error(remaining() + " unexpected bytes after the index");
        }
        return result;
    }

    private record BaseHeader(int d, long ntotal, Metric metric) {
    }

    private BaseHeader header() {
        int d = i32();
        long ntotal = i64();
        i64(); // dummy 1<<20
        i64(); // dummy 1<<20
        u8(); // is_trained
        int metric = i32();
        if (metric > 1) {
            i32(); // metric_arg (a float)
        }
        if (d <= 0 || d > MAX_D || ntotal < 0) {
            throw error("bad index header (d=" + d + ", ntotal=" + ntotal + ")");
        }
        if (metric != METRIC_L2 && metric != METRIC_IP) {
            throw error("unsupported metric type " + metric);
        }
        // Every vector is stored as d floats somewhere after the header (flat: the codes; IVF: the lists), so ntotal
        // is bounded by the bytes left; after this, ntotal * d and ntotal * 4d cannot overflow.
        if (ntotal > remaining() / (4L * d)) {
            throw error("header declares " + ntotal + " vectors of " + d + " floats but only " + remaining()
                    + " bytes are left (truncated or corrupt)");
        }
        return new BaseHeader(d, ntotal, metric == METRIC_L2 ? Metric.L2 : Metric.INNER_PRODUCT);
    }

    private FaissIndex flat() {
        BaseHeader h = header();
        long nFloats = i64();
        if (nFloats != Math.multiplyExact(h.ntotal, (long) h.d)) {
            throw error("flat index declares " + nFloats + " floats for " + h.ntotal + " vectors of " + h.d);
        }
        float[] xs = floats(nFloats);
        long[] ids = new long[Math.toIntExact(h.ntotal)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new FaissIndex(Type.FLAT, h.d, h.ntotal, h.metric, 1, 1, new float[0],
                List.of(new InvertedList(ids, xs)));
    }

    private FaissIndex ivf() {
        BaseHeader h = header();
        long nlist = i64();
        long nprobe = i64();
        checkIvf(nlist, nprobe);
        FaissIndex quantizer = index(false);
        if (quantizer.d() != h.d || quantizer.ntotal() != nlist) {
            throw error("quantizer holds " + quantizer.ntotal() + " centroids of dimension " + quantizer.d()
                    + ", expected " + nlist + " of " + h.d);
        }
        skipDirectMap();
        List<InvertedList> lists = invertedLists(h, (int) nlist);
        long total = 0;
        for (InvertedList l : lists) {
            total += l.size();
        }
        if (total != h.ntotal) {
            throw error("inverted lists hold " + total + " vectors but the header says " + h.ntotal);
        }
        return new FaissIndex(Type.IVF_FLAT, h.d, h.ntotal, h.metric, (int) nlist, (int) nprobe,
                quantizer.lists().get(0).vectors(), lists);
    }

    private void checkIvf(long nlist, long nprobe) {
        if (nlist <= 0 || nlist > MAX_NLIST || nprobe <= 0 || nprobe > nlist) {
            throw error("bad IVF header (nlist=" + nlist + ", nprobe=" + nprobe + ")");
        }
    }

    private void skipDirectMap() {
        int type = u8();
        long n = i64();
        skip(n, 8, "direct map");
        if (type == DIRECT_MAP_HASHTABLE) {
            skip(i64(), 16, "direct map hashtable");
        }
    }

    private List<InvertedList> invertedLists(BaseHeader h, int nlist) {
        String kind = fourcc();
        List<InvertedList> lists = new ArrayList<>(nlist);
        if (kind.equals("il00")) {
            for (int i = 0; i < nlist; i++) {
                lists.add(new InvertedList(new long[0], new float[0]));
            }
            return lists;
        }
        if (!kind.equals("ilar")) {
            throw error("unsupported inverted list type '" + printable(kind) + "'");
        }
        long n = i64();
        long codeSize = i64();
        if (n != nlist || codeSize != 4L * h.d) {
            throw error("inverted lists declare nlist=" + n + ", code size " + codeSize + " (expected " + nlist + ", "
                    + 4L * h.d + ")");
        }
        long[] sizes = listSizes(fourcc(), nlist);
        for (int i = 0; i < nlist; i++) {
            long size = sizes[i];
            float[] vectors = floats(Math.multiplyExact(size, (long) h.d));
            long[] ids = new long[Math.toIntExact(size)];
            for (int k = 0; k < size; k++) {
                ids[k] = i64();
                if (ids[k] < 0 || ids[k] >= h.ntotal) {
                    throw error("list " + i + " holds id " + ids[k] + " outside 0.." + (h.ntotal - 1));
                }
            }
            lists.add(new InvertedList(ids, vectors));
        }
        return lists;
    }

    private long[] listSizes(String type, int nlist) {
        long[] sizes = new long[nlist];
        long count = i64();
        if (type.equals("full")) {
            if (count != nlist) {
                throw error("'full' list sizes has " + count + " entries for " + nlist + " lists");
            }
            for (int i = 0; i < nlist; i++) {
                sizes[i] = size(i64());
            }
        } else if (type.equals("sprs")) {
            if (count < 0 || count % 2 != 0 || count / 2 > nlist) {
                throw error("bad 'sprs' list size table of " + count + " entries");
            }
            for (long k = 0; k < count; k += 2) {
                long list = i64();
                long size = size(i64());
                if (list < 0 || list >= nlist) {
                    throw error("'sprs' table names list " + list);
                }
                sizes[(int) list] = size;
            }
        } else {
            throw error("unknown list size encoding '" + printable(type) + "'");
        }
        return sizes;
    }

    private long size(long s) {
        if (s < 0 || s > remaining()) {
            throw error("list size " + s + " exceeds the file");
        }
        return s;
    }

    private long remaining() {
        return src.size() - pos;
    }

    private float[] floats(long n) {
        if (n < 0 || n > remaining() / 4) {
            throw error("needs " + n + " floats, only " + remaining() / 4 + " left (truncated?)");
        }
        float[] out = new float[(int) n];
        if (n * 4 <= WINDOW) {
            at(4 * (int) n).asFloatBuffer().get(out);
        } else {
            src.read(pos, n * 4).asFloatBuffer().get(out);
        }
        pos += n * 4;
        return out;
    }

    private void skip(long n, int unit, String what) {
        if (n < 0 || n > remaining() / unit) {
            throw error(what + " of " + n + " entries exceeds the file");
        }
        pos += n * unit;
    }

    private String fourcc() {
        byte[] b = new byte[4];
        at(4).get(b);
        pos += 4;
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private int u8() {
        int v = at(1).get() & 0xff;
        pos += 1;
        return v;
    }

    private int i32() {
        int v = at(4).getInt();
        pos += 4;
        return v;
    }

    private long i64() {
        long v = at(8).getLong();
        pos += 8;
        return v;
    }

    /** The next {@code n} bytes (n at most {@link #WINDOW}) as a little-endian buffer at position 0, not consumed. */
    private ByteBuffer at(int n) {
        if (remaining() < n) {
            throw error("truncated at offset " + pos);
        }
        if (pos < windowStart || pos + n > windowStart + window.limit()) {
            window = src.read(pos, Math.min(Math.max(WINDOW, n), remaining()));
            windowStart = pos;
        }
        int from = (int) (pos - windowStart);
        return window.duplicate().position(from).limit(from + n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String printable(String s) {
        return PickleText.clip(s);
    }

    private InvalidModelFileException error(String what) {
        return new InvalidModelFileException(source + ": " + what);
    }
}
