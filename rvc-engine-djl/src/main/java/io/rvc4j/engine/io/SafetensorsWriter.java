package io.rvc4j.engine.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the raw bytes. Used for the demo ContentVec folder.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    public static void write(Path file, Map<String, TensorData> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData t = e.getValue();
            long size = t.numel() * t.dtype().bytes();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtypeName(t.dtype()));
            entry.put("shape", t.shape());
            entry.put("data_offsets", List.of(offset, offset + size));
            header.put(e.getKey(), entry);
            offset += size;
        }
        byte[] json = new ObjectMapper().writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8-byte alignment
        byte[] head = new byte[padded];
        java.util.Arrays.fill(head, (byte) ' ');
        System.arraycopy(json, 0, head, 0, json.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(head);
            for (TensorData t : tensors.values()) {
                ByteBuffer b = t.bytes();
                byte[] raw = new byte[b.remaining()];
                b.get(raw);
                out.write(raw);
            }
        }
        // Keep the encoding explicit for readers that check it.
        assert new String(json, StandardCharsets.UTF_8).startsWith("{");
    }

    private static String dtypeName(TensorData.DType dtype) {
        return switch (dtype) {
            case F16 -> "F16";
            case BF16 -> "BF16";
            case F32 -> "F32";
            case F64 -> "F64";
            case I8 -> "I8";
            case U8 -> "U8";
            case I16 -> "I16";
            case I32 -> "I32";
            case I64 -> "I64";
            case BOOL -> "BOOL";
        };
    }
}
