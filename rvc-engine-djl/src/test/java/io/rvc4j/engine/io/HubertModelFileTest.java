package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.rvc4j.engine.io.HubertConfig.ConvLayer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubertModelFileTest {

    private static final HubertConfig TINY = new HubertConfig(16, 2, 2, 32,
            List.of(new ConvLayer(8, 10, 5), new ConvLayer(8, 3, 2)), 4, 2, 6, false, "default");

    @Test
    void reads_a_fairseq_checkpoint_with_namespace_and_dictconfig_stubs() {
        HubertModelFile h = HubertModelFile.read(Fixtures.file("fairseq_hubert_tiny.pt"));
        assertThat(h.format()).isEqualTo("fairseq");
        assertThat(h.config()).isEqualTo(TINY);
        assertThat(h.config().hop()).isEqualTo(10);
        assertThat(h.weights().get("encoder.pos_conv.0.weight_g").shape()).containsExactly(1, 1, 4);
        // The fixture stored fp32 copies of the same fp16 tensors: widening is exact.
        assertThat(h.weights().get("encoder.layers.1.fc2.bias").toFloatArray()).containsExactly(
                Npy.read(Fixtures.file("fairseq_hubert_tiny.encoder.layers.1.fc2.bias.npy")).toFloatArray());
    }

    @Test
    void keeps_fairseq_and_omegaconf_objects_as_inert_stubs() {
        Map<?, ?> root = (Map<?, ?>) TorchCheckpoint.read(Fixtures.file("fairseq_hubert_tiny.pt"));
        PickleStub args = (PickleStub) root.get("args");
        assertThat(args.className()).isEqualTo("argparse.Namespace");
        assertThat(((Map<?, ?>) args.state()).get("encoder_embed_dim")).isEqualTo(16L);
        PickleStub cfg = (PickleStub) root.get("cfg");
        assertThat(cfg.className()).isEqualTo("omegaconf.dictconfig.DictConfig");
        Map<?, ?> taskState = (Map<?, ?>) root.get("task_state");
        PickleStub dictionary = (PickleStub) ((List<?>) taskState.get("dictionaries")).get(0);
        assertThat(dictionary.className()).isEqualTo("fairseq.data.dictionary.Dictionary");
        assertThat(((Map<?, ?>) dictionary.state()).get("symbols")).isEqualTo(List.of("<s>", "<pad>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hf_hubert_tiny_safetensors", "hf_hubert_tiny_bin"})
    void maps_a_transformers_folder_onto_fairseq_names(String folder) {
        HubertModelFile hf = HubertModelFile.read(Fixtures.file(folder));
        assertThat(hf.format()).isEqualTo("transformers");
        assertThat(hf.config()).isEqualTo(TINY);
        Set<String> fairseqKeys = new HashSet<>(HubertModelFile.read(Fixtures.file("fairseq_hubert_tiny.pt"))
                .weights().keySet());
        fairseqKeys.remove("label_embs_concat"); // training-only, Transformers drops it
        assertThat(hf.weights().keySet()).isEqualTo(fairseqKeys);
        assertThat(hf.weights().get("encoder.layers.1.fc2.bias").toFloatArray()).containsExactly(
                Npy.read(Fixtures.file("hf_hubert_tiny.encoder.layers.1.fc2.bias.npy")).toFloatArray());
        assertThat(hf.weights().get("final_proj.weight").toFloatArray()).containsExactly(
                Npy.read(Fixtures.file("hf_hubert_tiny.final_proj.weight.npy")).toFloatArray());
    }
}
