package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rvc4j.core.error.InvalidModelFileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelInspectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void describes_an_rvc_model_as_json() throws Exception {
        Map<String, Object> m = ModelInspector.inspect(Fixtures.file("rvc_v2_40k.pth"));
        assertThat(m).containsEntry("format", "rvc").containsEntry("version", "v2").containsEntry("sample_rate", 40000)
                .containsEntry("f0", true).containsEntry("speakers", 3).containsEntry("info", "200epoch")
                .containsEntry("weight_dtype", "f16");
        assertThat((List<?>) m.get("config")).hasSize(18);
        assertThat((String) m.get("sha256")).hasSize(64);
        String json = JSON.writeValueAsString(m);
        assertThat(JSON.readTree(json).get("config").get(17).asInt()).isEqualTo(40000);
    }

    @Test
    void describes_an_index() {
        Map<String, Object> m = ModelInspector.inspect(Fixtures.file("ivf_full.index"));
        assertThat(m).containsEntry("format", "faiss").containsEntry("index_type", "IndexIVFFlat")
                .containsEntry("dim", 8).containsEntry("ntotal", 300L).containsEntry("nlist", 4)
                .containsEntry("nprobe", 1).containsEntry("metric", "L2");
        assertThat(ModelInspector.inspect(Fixtures.file("ivf_nprobe3.index"))).containsEntry("nprobe", 3)
                .containsEntry("nlist", 16).containsEntry("ntotal", 120L).containsEntry("dim", 8);
    }

    @Test
    void describes_hubert_in_both_storage_forms() {
        Map<String, Object> fairseq = ModelInspector.inspect(Fixtures.file("fairseq_hubert_tiny.pt"));
        assertThat(fairseq).containsEntry("format", "fairseq-hubert").containsEntry("hidden_size", 16)
                .containsEntry("heads", 2).containsEntry("final_proj_dim", 6);
        assertThat(fairseq.get("conv_layers")).isEqualTo(List.of(List.of(8, 10, 5), List.of(8, 3, 2)));
        Map<String, Object> hf = ModelInspector.inspect(Fixtures.file("hf_hubert_tiny_safetensors"));
        assertThat(hf).containsEntry("format", "transformers-hubert").containsEntry("layers", 2);
    }

    @Test
    void describes_other_torch_safetensors_and_npy_files() {
        Map<String, Object> torch = ModelInspector.inspect(Fixtures.file("views.pth"));
        assertThat(torch).containsEntry("format", "torch").containsEntry("tensor_count", 18);
        assertThat(ModelInspector.inspect(Fixtures.file("hf_hubert_tiny_safetensors/model.safetensors")))
                .containsEntry("format", "safetensors").containsEntry("metadata", Map.of("format", "pt"));
        assertThat(ModelInspector.inspect(Fixtures.file("npy_f4.npy"))).containsEntry("format", "npy")
                .containsEntry("shape", List.of(3L, 4L)).containsEntry("dtype", "f32");
    }

    @Test
    void refuses_unknown_and_hostile_files() {
        assertThatThrownBy(() -> ModelInspector.inspect(Fixtures.file("meta.json")))
                .isInstanceOf(InvalidModelFileException.class).hasMessageContaining("unrecognised");
        assertThatThrownBy(() -> ModelInspector.inspect(Fixtures.file("hostile_os_system.pth")))
                .isInstanceOf(io.rvc4j.core.error.UnsafeModelFileException.class);
    }
}
