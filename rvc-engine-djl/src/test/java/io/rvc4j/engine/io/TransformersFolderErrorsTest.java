package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rvc4j.core.error.InvalidModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken Transformers HuBERT folder is refused with a message naming the folder or file and what is wrong. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransformersFolderErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A copy of the real tiny folder (config.json + model.safetensors written by transformers). */
    private Path folder() throws Exception {
        Path src = Fixtures.file("hf_hubert_tiny_safetensors");
        Path out = Files.createDirectories(dir.resolve("contentvec"));
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(src.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    private static void editConfig(Path folder, String key, Object value) throws Exception {
        ObjectNode cfg = (ObjectNode) JSON.readTree(folder.resolve("config.json").toFile());
        if (value == null) {
            cfg.remove(key);
        } else {
            cfg.set(key, JSON.valueToTree(value));
        }
        JSON.writeValue(folder.resolve("config.json").toFile(), cfg);
    }

    @Test
    void the_unedited_copy_reads() throws Exception {
        assertThat(HubertModelFile.read(folder()).config().hiddenSize()).isEqualTo(16);
    }

    @Test
    void refuses_a_folder_without_config_json() throws Exception {
        Path f = folder();
        Files.delete(f.resolve("config.json"));
        assertThatThrownBy(() -> HubertModelFile.read(f)).isInstanceOf(InvalidModelFileException.class)
                .hasMessage(f + ": Transformers folder without config.json");
    }

    @Test
    void refuses_a_folder_without_weights() throws Exception {
        Path f = folder();
        Files.delete(f.resolve("model.safetensors"));
        assertThatThrownBy(() -> HubertModelFile.read(f)).isInstanceOf(InvalidModelFileException.class)
                .hasMessage(f + ": Transformers folder without model.safetensors or pytorch_model.bin");
    }

    @Test
    void refuses_a_config_that_is_not_json_or_not_an_object() throws Exception {
        Path f = folder();
        Files.writeString(f.resolve("config.json"), "{\"hidden_size\": 16,");
        assertThatThrownBy(() -> HubertModelFile.read(f)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageStartingWith(f.resolve("config.json") + ": cannot be read as JSON");
        Files.writeString(f.resolve("config.json"), "[16, 2]");
        assertThatThrownBy(() -> HubertModelFile.read(f)).isInstanceOf(InvalidModelFileException.class)
                .hasMessage(f.resolve("config.json") + ": not a JSON object");
    }

    @Test
    void refuses_damaged_weights_naming_the_weights_file() throws Exception {
        Path f = folder();
        byte[] weights = Files.readAllBytes(f.resolve("model.safetensors"));
        Files.write(f.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
        assertThatThrownBy(() -> HubertModelFile.read(f)).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining(f.resolve("model.safetensors").toString());
    }

    @ParameterizedTest
    @CsvSource({
        "hidden_size, 32, config says hidden size 32 but the weights have 16",
        "num_hidden_layers, 3, config says encoder layers 3 but the weights have 2",
        "intermediate_size, 64, config says ffn size 64 but the weights have 32",
        "num_conv_pos_embeddings, 8, config says pos conv kernel 8 but the weights have 4",
        "num_attention_heads, 3, the config does not give a usable attention head count (got 3 for hidden size 16)"})
    void refuses_a_config_that_contradicts_the_weights(String key, int value, String message) throws Exception {
        Path f = folder();
        editConfig(f, key, value);
        assertThatThrownBy(() -> HubertModelFile.read(f)).isInstanceOf(InvalidModelFileException.class)
                .hasMessage(f + ": " + message);
    }

    @Test
    void refuses_a_config_without_the_head_count_no_shape_can_tell() throws Exception {
        Path f = folder();
        editConfig(f, "num_attention_heads", null);
        assertThatThrownBy(() -> HubertModelFile.read(f)).isInstanceOf(InvalidModelFileException.class)
                .hasMessage(f + ": the config does not give a usable attention head count (got null for hidden size 16)");
    }
}
