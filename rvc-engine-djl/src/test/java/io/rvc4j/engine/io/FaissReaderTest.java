package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rvc4j.core.error.InvalidModelFileException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FaissReaderTest {

    @ParameterizedTest
    @CsvSource({"ivf_full, 4, 300", "ivf_sparse, 64, 20"})
    void reads_ivf_flat_indexes_like_faiss_reconstruct_n(String name, int nlist, long ntotal) {
        FaissIndex index = FaissReader.read(Fixtures.file(name + ".index"));
        assertThat(index.type()).isEqualTo(FaissIndex.Type.IVF_FLAT);
        assertThat(index.d()).isEqualTo(8);
        assertThat(index.ntotal()).isEqualTo(ntotal);
        assertThat(index.nlist()).isEqualTo(nlist);
        assertThat(index.nprobe()).isEqualTo(1);
        assertThat(index.metric()).isEqualTo(FaissIndex.Metric.L2);
        // Raw float32 copied from the file: bit-exact against faiss's own reconstruct_n / quantizer.reconstruct_n.
        assertThat(index.reconstructAll()).containsExactly(Npy.read(Fixtures.file(name + ".reconstruct.npy"))
                .toFloatArray());
        assertThat(index.centroids()).containsExactly(Npy.read(Fixtures.file(name + ".centroids.npy")).toFloatArray());
        long[] sizes = index.lists().stream().mapToLong(l -> l.size()).toArray();
        assertThat(sizes).containsExactly(Npy.read(Fixtures.file(name + ".list_sizes.npy")).toLongArray());
    }

    @Test
    void keeps_the_nprobe_a_tuned_index_was_written_with() {
        // faiss.write_index of IVF16,Flat after `ivf.nprobe = 3` (RVC itself writes 1).
        FaissIndex index = FaissReader.read(Fixtures.file("ivf_nprobe3.index"));
        assertThat(index.nprobe()).isEqualTo(3);
        assertThat(index.nlist()).isEqualTo(16);
        assertThat(index.ntotal()).isEqualTo(120);
        // Raw float32 copied from the file: bit-exact against faiss's reconstruct_n.
        assertThat(index.reconstructAll()).containsExactly(Npy.read(Fixtures.file("ivf_nprobe3.reconstruct.npy"))
                .toFloatArray());
        assertThat(index.centroids()).containsExactly(Npy.read(Fixtures.file("ivf_nprobe3.centroids.npy"))
                .toFloatArray());
    }

    @Test
    void reads_flat_indexes_of_both_metrics() {
        FaissIndex l2 = FaissReader.read(Fixtures.file("flat_l2.index"));
        assertThat(l2.type()).isEqualTo(FaissIndex.Type.FLAT);
        assertThat(l2.reconstructAll()).containsExactly(Npy.read(Fixtures.file("flat_l2.reconstruct.npy"))
                .toFloatArray());
        FaissIndex ip = FaissReader.read(Fixtures.file("flat_ip.index"));
        assertThat(ip.metric()).isEqualTo(FaissIndex.Metric.INNER_PRODUCT);
        assertThat(ip.ntotal()).isEqualTo(5);
    }

    @Test
    void rejects_every_truncation_of_an_index() throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.file("ivf_sparse.index"));
        for (int cut = 0; cut < full.length; cut += 7) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> FaissReader.read(part)).as("cut at " + cut)
                    .isInstanceOf(InvalidModelFileException.class);
        }
    }
}
