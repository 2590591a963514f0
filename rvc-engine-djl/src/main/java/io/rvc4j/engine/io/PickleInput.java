package io.rvc4j.engine.io;

import io.rvc4j.core.error.InvalidModelFileException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Bounds-checked reads over a pickle stream; every overrun is an {@link InvalidModelFileException} naming the offset. */
final class PickleInput {

    /** Longest text line (protocol-0 ints, floats, names) we accept; real pickles use a few dozen bytes. */
    private static final int MAX_LINE = 1 << 16;
    /** Longest LONG4 integer in bytes; torch files never hold ints beyond 64 bits. */
    private static final int MAX_LONG_BYTES = 1 << 12;

    private final ByteBuffer buf;
    private final String source;

    PickleInput(ByteBuffer buf, String source) {
        this.buf = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    int position() {
        return buf.position();
    }

    InvalidModelFileException error(String what) {
        return new InvalidModelFileException(source + ": " + what + " (pickle offset " + buf.position() + ")");
    }

    private void need(long n) {
        if (n < 0 || n > buf.remaining()) {
            throw error("truncated pickle: needs " + n + " more bytes, " + buf.remaining() + " left");
        }
    }

    int u8() {
        need(1);
        return buf.get() & 0xff;
    }

    int u16() {
        need(2);
        return buf.getShort() & 0xffff;
    }

    int i32() {
        need(4);
        return buf.getInt();
    }

    long u32() {
        return i32() & 0xffffffffL;
    }

    long i64() {
        need(8);
        return buf.getLong();
    }

    /** An 8-byte length that must fit what is left of the stream. */
    int length8() {
        long n = i64();
        if (n < 0 || n > buf.remaining()) {
            throw error("length " + Long.toUnsignedString(n) + " exceeds the " + buf.remaining() + " bytes left");
        }
        return (int) n;
    }

    double f64BigEndian() {
        need(8);
        return Double.longBitsToDouble(Long.reverseBytes(buf.getLong()));
    }

    byte[] bytes(long n) {
        need(n);
        byte[] out = new byte[(int) n];
        buf.get(out);
        return out;
    }

    String utf8(long n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    String latin1(long n) {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    /** A protocol-0 text line without its newline, one char per byte (Latin-1), as raw-unicode-escape needs. */
    String line() {
        int start = buf.position();
        int limit = Math.min(buf.limit(), start + MAX_LINE);
        for (int i = start; i < limit; i++) {
            if (buf.get(i) == '\n') {
                byte[] out = new byte[i - start];
                buf.get(out);
                buf.get();
                return new String(out, StandardCharsets.ISO_8859_1);
            }
        }
        throw error("unterminated text line");
    }

    /** A little-endian two's complement integer of {@code n} bytes: Long when it fits, else BigInteger. */
    Object longLE(long n) {
        if (n > MAX_LONG_BYTES) {
            throw error("integer of " + n + " bytes is absurdly large");
        }
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return narrow(new BigInteger(be));
    }

    static Object narrow(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
