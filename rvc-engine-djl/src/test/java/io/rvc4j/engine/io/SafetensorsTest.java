package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafetensorsTest {

    @Test
    void reads_a_transformers_safetensors_file_with_metadata() {
        Safetensors.Contents c = Safetensors.read(
                Fixtures.file("hf_hubert_tiny_safetensors/model.safetensors"));
        assertThat(c.metadata()).containsEntry("format", "pt");
        assertThat(c.tensors().get("final_proj.weight").shape()).containsExactly(6, 16);
        // Same fp32 values numpy saved from the same tensor: exact.
        assertThat(c.tensors().get("final_proj.weight").toFloatArray())
                .containsExactly(Npy.read(Fixtures.file("hf_hubert_tiny.final_proj.weight.npy")).toFloatArray());
    }

    @Test
    void rejects_offsets_outside_the_data_and_mismatched_shapes() {
        assertThatThrownBy(() -> Safetensors.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}",
                8))).isInstanceOf(InvalidModelFileException.class).hasMessageContaining("data_offsets");
        assertThatThrownBy(() -> Safetensors.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                8))).isInstanceOf(InvalidModelFileException.class).hasMessageContaining("data_offsets");
        assertThatThrownBy(() -> Safetensors.read(file("{\"a\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                8))).isInstanceOf(InvalidModelFileException.class).hasMessageContaining("unsupported dtype");
        assertThatThrownBy(() -> Safetensors.read(file("{not json", 0)))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("JSON");
    }

    @Test
    void rejects_an_absurd_header_length_without_allocating_it() {
        byte[] b = new byte[16];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        assertThatThrownBy(() -> Safetensors.read(b)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("header length");
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }
}
