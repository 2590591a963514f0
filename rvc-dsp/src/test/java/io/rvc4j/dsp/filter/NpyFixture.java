package io.rvc4j.dsp.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads the little-endian float64 {@code .npy} fixtures of this package (format 1.0, C order). */
final class NpyFixture {
    private NpyFixture() {
    }

    static double[] doubles(String resource) {
        try (InputStream in = NpyFixture.class.getResourceAsStream("/fixtures/filter/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            ByteBuffer buf = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int headerLen = buf.getShort(8) & 0xffff;
            String header = new String(buf.array(), 10, headerLen, StandardCharsets.US_ASCII);
            if (!header.contains("'<f8'") || header.contains("'fortran_order': True")) {
                throw new IllegalStateException("unexpected npy header " + header);
            }
            buf.position(10 + headerLen);
            double[] out = new double[buf.remaining() / 8];
            buf.asDoubleBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
