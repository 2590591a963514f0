package io.rvc4j.engine.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.engine.io.TensorData.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping names to
 * {@code {dtype, shape, data_offsets}} (plus an optional {@code __metadata__} of strings), then the raw bytes.
 * Every offset is checked against the shape and the file, so no header can make us read outside the data.
 */
public final class Safetensors {

    /** The reference implementation refuses headers over 100 MB (safetensors N_MAX_HEADER_SIZE). */
    private static final long MAX_HEADER = 100_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, DType> DTYPES = Map.ofEntries(
            Map.entry("F16", DType.F16), Map.entry("BF16", DType.BF16), Map.entry("F32", DType.F32),
            Map.entry("F64", DType.F64), Map.entry("I8", DType.I8), Map.entry("U8", DType.U8),
            Map.entry("I16", DType.I16), Map.entry("I32", DType.I32), Map.entry("I64", DType.I64),
            Map.entry("BOOL", DType.BOOL));

    /** The tensors in header order, and the free-form string metadata. */
    public record Contents(Map<String, TensorData> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    private Safetensors() {
    }

    /** Reads the header; the tensors' bytes stay in the file until they are asked for. */
    public static Contents read(Path file) {
        return read(ByteSource.open(file));
    }

    public static Contents read(byte[] content) {
        return read(ByteBuffer.wrap(content), "<in-memory safetensors>");
    }

    /** True when the buffer starts like a safetensors file (a plausible header length, then '{'). */
    static boolean looksLikeSafetensors(ByteBuffer b) {
        if (b.remaining() < 9) {
            return false;
        }
        long n = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(b.position());
        return n > 1 && n <= b.remaining() - 8 && b.get(b.position() + 8) == '{';
    }

    static Contents read(ByteBuffer data, String source) {
        return read(ByteSource.of(data, source));
    }

    static Contents read(ByteSource src) {
        String source = src.label();
        long size = src.size();
        if (size < 8) {
            throw error(source, "too short for a safetensors file (" + size + " bytes)");
        }
        long headerLen = src.read(0, 8).getLong(0);
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
            throw error(source, "header length " + Long.toUnsignedString(headerLen) + " is impossible for a "
                    + size + "-byte file (truncated or not safetensors)");
        }
        JsonNode header;
        try {
            ByteBuffer hbuf = src.read(8, headerLen);
            byte[] hb = new byte[(int) headerLen];
            hbuf.get(0, hb);
            header = JSON.readTree(hb);
        } catch (JacksonException e) {
            throw new InvalidModelFileException(source + ": header is not valid JSON (" + e.getOriginalMessage() + ")",
                    e);
        } catch (IOException e) {
            throw new InvalidModelFileException(source + ": header cannot be read (" + e.getMessage() + ")", e);
        }
        if (header == null || !header.isObject()) {
            throw error(source, "header is not a JSON object");
        }
        Body body = new Body(src, 8 + headerLen, size - 8 - headerLen);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                readMetadata(e.getValue(), metadata, source);
            } else {
                tensors.put(e.getKey(), tensor(e.getKey(), e.getValue(), body, source));
            }
        }
        return new Contents(tensors, metadata);
    }

    private static void readMetadata(JsonNode node, Map<String, String> out, String source) {
        if (!node.isObject()) {
            throw error(source, "__metadata__ is not an object");
        }
        node.fields().forEachRemaining(m -> {
            if (!m.getValue().isTextual()) {
                throw error(source, "__metadata__ value of '" + PickleText.clip(m.getKey()) + "' is not a string");
            }
            out.put(m.getKey(), m.getValue().asText());
        });
    }

    /** The data section: {@code length} bytes from {@code start} of the file. */
    private record Body(ByteSource src, long start, long length) {
    }

    private static TensorData tensor(String name, JsonNode node, Body body, String source) {
        String where = "tensor '" + PickleText.clip(name) + "'";
        JsonNode dt = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dt == null || !dt.isTextual() || shapeNode == null || !shapeNode.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw error(source, where + " lacks dtype, shape or data_offsets");
        }
        DType dtype = DTYPES.get(dt.asText());
        if (dtype == null) {
            throw error(source, where + " has unsupported dtype " + PickleText.clip(dt.asText()));
        }
        if (shapeNode.size() > 64) {
            throw error(source, where + " has more than 64 dimensions");
        }
        long[] shape = new long[shapeNode.size()];
        long bytes = dtype.bytes();
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw error(source, where + " has a bad dimension");
            }
            shape[i] = d.asLong();
            try {
                bytes = Math.multiplyExact(bytes, shape[i]);
            } catch (ArithmeticException ex) {
                throw error(source, where + " shape overflows");
            }
        }
        long begin = offset(offsets.get(0), where, source);
        long end = offset(offsets.get(1), where, source);
        if (begin > end || end > body.length() || end - begin != bytes) {
            throw error(source, where + " data_offsets [" + begin + ", " + end + ") do not match its shape ("
                    + bytes + " bytes) within the " + body.length() + "-byte data section");
        }
        return TensorData.in(dtype, shape, body.src(), body.start() + begin);
    }

    private static long offset(JsonNode n, String where, String source) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw error(source, where + " has a bad data offset");
        }
        return n.asLong();
    }

    private static InvalidModelFileException error(String source, String what) {
        return new InvalidModelFileException(source + ": " + what);
    }
}
