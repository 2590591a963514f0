package io.rvc4j.dsp.codec;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import io.rvc4j.core.error.EngineException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * In-memory FFmpeg I/O: an {@link AVIOContext} whose read, write and seek callbacks work on a Java byte array, so
 * nothing touches the file system. JavaCPP allows only a few live callback thunks per class, so the three callbacks
 * are static singletons; each context's {@code opaque} pointer carries an id that selects its buffer in a map.
 */
final class MemoryIo implements AutoCloseable {
    private static final int IO_BUFFER = 1 << 16;
    private static final int EINVAL = -22;
    private static final Map<Long, MemoryIo> OPEN = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong(1);

    private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            MemoryIo io = OPEN.get(opaque.address());
            return io == null ? EINVAL : io.read(buf, size);
        }
    };
    private static final Write_packet_Pointer_BytePointer_int WRITE = new Write_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            MemoryIo io = OPEN.get(opaque.address());
            return io == null ? EINVAL : io.write(buf, size);
        }
    };
    private static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            MemoryIo io = OPEN.get(opaque.address());
            return io == null ? EINVAL : io.seek(offset, whence);
        }
    };

    private final long id;
    private final Pointer opaque;
    private AVIOContext context;
    private byte[] data;
    private int size;
    private long position;

    private MemoryIo(byte[] data, int size, boolean writable) {
        this.id = IDS.getAndIncrement();
        this.data = data;
        this.size = size;
        this.opaque = new Pointer() { { address = id; } };
        OPEN.put(id, this);
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER));
        if (buffer.isNull()) {
            OPEN.remove(id);
            throw new EngineException("FFmpeg could not allocate a " + IO_BUFFER + "-byte I/O buffer");
        }
        this.context = avio_alloc_context(buffer, IO_BUFFER, writable ? 1 : 0, opaque, writable ? null : READ,
                writable ? WRITE : null, SEEK);
        if (context == null || context.isNull()) {
            av_free(buffer);
            OPEN.remove(id);
            throw new EngineException("FFmpeg could not allocate an I/O context");
        }
    }

    /** A read-only context over {@code data} (not copied; the caller must not change it meanwhile). */
    static MemoryIo reading(byte[] data) {
        return new MemoryIo(data, data.length, false);
    }

    /** A writable, seekable context that collects what a muxer writes. */
    static MemoryIo writing() {
        return new MemoryIo(new byte[1 << 16], 0, true);
    }

    AVIOContext context() {
        return context;
    }

    /** What has been written so far. */
    byte[] bytes() {
        return Arrays.copyOf(data, size);
    }

    private int read(BytePointer buf, int want) {
        if (position >= size) {
            return AVERROR_EOF;
        }
        int n = (int) Math.min(want, size - position);
        buf.position(0).put(data, (int) position, n);
        position += n;
        return n;
    }

    private int write(BytePointer buf, int n) {
        long end = position + n;
        if (end > Integer.MAX_VALUE - 8) {
            return EINVAL;
        }
        if (end > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, 2L * data.length)));
        }
        buf.position(0).get(data, (int) position, n);
        position = end;
        size = (int) Math.max(size, end);
        return n;
    }

    private long seek(long offset, int whence) {
        int mode = whence & ~AVSEEK_FORCE;
        if (mode == AVSEEK_SIZE) {
            return size;
        }
        long target = switch (mode) {
            case 0 -> offset; // SEEK_SET
            case 1 -> position + offset; // SEEK_CUR
            case 2 -> size + offset; // SEEK_END
            default -> -1;
        };
        if (target < 0) {
            return EINVAL;
        }
        position = target;
        return target;
    }

    /** Frees the context and its (possibly reallocated) buffer; idempotent. */
    @Override
    public void close() {
        if (context != null) {
            BytePointer buffer = context.buffer();
            if (buffer != null && !buffer.isNull()) {
                av_free(buffer);
            }
            avio_context_free(context);
            context = null;
        }
        OPEN.remove(id);
    }
}
