package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.ModelNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints and safetensors read from disk keep their tensors in the file until the bytes are asked for. */
class FileBackedTensorsTest {

    @TempDir
    Path dir;

    @Test
    void a_checkpoint_read_from_disk_gives_the_same_bytes_as_one_read_into_memory() throws IOException {
        Path file = Fixtures.file("rvc_v2_40k.pth");
        Map<String, TensorData> onDisk = TorchCheckpoint.readStateDict(file, "weight");
        Map<String, TensorData> inMemory = TorchCheckpoint.stateDict(
                TorchCheckpoint.read(Files.readAllBytes(file)), "memory", "weight");
        assertThat(onDisk.keySet()).containsExactlyElementsOf(inMemory.keySet()).hasSizeGreaterThan(20);
        for (Map.Entry<String, TensorData> e : onDisk.entrySet()) {
            TensorData t = e.getValue();
            assertThat(t.bytes()).as(e.getKey()).isEqualTo(inMemory.get(e.getKey()).bytes());
            ByteBuffer direct = ByteBuffer.allocateDirect((int) t.byteCount());
            t.copyTo(direct);
            assertThat(direct.flip()).as(e.getKey() + " copied into a direct buffer").isEqualTo(t.bytes());
        }
    }

    @Test
    void a_safetensors_file_read_from_disk_gives_the_same_bytes_as_one_read_into_memory() throws IOException {
        Path file = Fixtures.file("hf_hubert_tiny_safetensors").resolve("model.safetensors");
        Map<String, TensorData> onDisk = Safetensors.read(file).tensors();
        Map<String, TensorData> inMemory = Safetensors.read(Files.readAllBytes(file)).tensors();
        assertThat(onDisk.keySet()).containsExactlyElementsOf(inMemory.keySet()).hasSizeGreaterThan(20);
        for (Map.Entry<String, TensorData> e : onDisk.entrySet()) {
            assertThat(e.getValue().toFloatArray()).as(e.getKey())
                    .containsExactly(inMemory.get(e.getKey()).toFloatArray());
        }
    }

    @Test
    void a_file_rewritten_after_parsing_is_refused_when_its_tensors_are_read() throws IOException {
        Path file = Files.copy(Fixtures.file("rvc_v2_40k.pth"), dir.resolve("voice.pth"));
        TensorData emb = TorchCheckpoint.readStateDict(file, "weight").get("emb_g.weight");
        float[] before = emb.toFloatArray();
        assertThat(before).hasSize(3 * 256);

        Files.write(file, new byte[16], StandardOpenOption.APPEND);
        assertThatThrownBy(emb::bytes).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("voice.pth").hasMessageContaining("changed while it was loaded");

        // same size, new modification time: a replaced file is refused too
        Files.copy(Fixtures.file("rvc_v2_40k.pth"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TensorData again = TorchCheckpoint.readStateDict(file, "weight").get("emb_g.weight");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        assertThatThrownBy(again::toFloatArray).isInstanceOf(InvalidModelFileException.class)
                .hasMessageContaining("changed while it was loaded");

        TensorData third = TorchCheckpoint.readStateDict(file, "weight").get("emb_g.weight");
        Files.delete(file);
        assertThatThrownBy(() -> third.copyTo(ByteBuffer.allocate((int) third.byteCount())))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("removed while it was loaded");
    }

    @Test
    void a_truncated_checkpoint_is_refused_at_parse_time_not_later() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("rvc_v2_40k.pth"));
        for (int keep : new int[] {whole.length - 1, whole.length / 2, 30, 3}) {
            Path cut = Files.write(dir.resolve("cut" + keep + ".pth"), java.util.Arrays.copyOf(whole, keep));
            assertThatThrownBy(() -> TorchCheckpoint.readStateDict(cut, "weight")).as("kept " + keep)
                    .isInstanceOf(InvalidModelFileException.class).hasMessageContaining(cut.toString());
        }
    }
}
