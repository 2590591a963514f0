package io.rvc4j.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.Fixtures;
import io.rvc4j.engine.io.TorchCheckpoint;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceCacheTest {
    private static final Path V1 = Fixtures.path("pipeline/tiny_v1_32k.pth");
    private static final Path V2 = Fixtures.path("pipeline/tiny_v2_40k.pth");

    @TempDir
    Path dir;

    private static VoiceModelInfo info(String name, Path pth) {
        return new VoiceModelInfo(name, pth, Optional.empty(), 0);
    }

    @Test
    void never_closes_an_evicted_model_while_a_request_holds_it() {
        VoiceModelInfo a = info("a", V1);
        VoiceModelInfo b = info("b", V2);
        try (NDManager base = NDManager.newBaseManager();
                VoiceCache cache = new VoiceCache(1, Long.MAX_VALUE, new VoiceModelLoader(base, RetrievalIndex::read))) {
            LoadedVoice held = cache.acquire(a);
            LoadedVoice other = cache.acquire(b);
            other.release();
            assertThat(cache.size()).isEqualTo(1);
            // evicted but still held: usable
            assertThat(held.synthesizer().config().sampleRate()).isEqualTo(32_000);
            held.acquire();
            held.release();
            held.release();
            // the last user is gone: closed now
            assertThatThrownBy(held::acquire).isInstanceOf(IllegalStateException.class);
            // asking again loads it afresh
            LoadedVoice again = cache.acquire(a);
            assertThat(again).isNotSameAs(held);
            again.release();
        }
    }

    @Test
    void weighs_a_model_as_its_weights_in_float32_plus_its_index() {
        long v2Floats = TorchCheckpoint.readStateDict(V2, "weight").values().stream().mapToLong(t -> t.numel()).sum();
        Path indexFile = Fixtures.path("pipeline/tiny_v2.index");
        RetrievalIndex index = RetrievalIndex.read(indexFile);
        try (NDManager base = NDManager.newBaseManager();
                VoiceCache cache = new VoiceCache(4, Long.MAX_VALUE, new VoiceModelLoader(base, RetrievalIndex::read))) {
            cache.acquire(new VoiceModelInfo("v2", V2, Optional.of(indexFile), 0)).release();
            assertThat(cache.bytes()).isEqualTo(4 * v2Floats + index.bytes());
            assertThat(index.bytes()).isPositive();
        }
    }

    @Test
    void evicts_the_least_recently_used_model_when_the_bytes_exceed_the_bound() {
        try (NDManager base = NDManager.newBaseManager()) {
            VoiceModelLoader loader = new VoiceModelLoader(base, RetrievalIndex::read);
            long v1Bytes;
            long v2Bytes;
            try (VoiceCache probe = new VoiceCache(4, Long.MAX_VALUE, loader)) {
                probe.acquire(info("a", V1)).release();
                v1Bytes = probe.bytes();
                probe.acquire(info("b", V2)).release();
                v2Bytes = probe.bytes() - v1Bytes;
                assertThat(probe.size()).as("room for both by count and bytes").isEqualTo(2);
            }
            // Room for four models by count, but one byte short of holding both.
            try (VoiceCache cache = new VoiceCache(4, v1Bytes + v2Bytes - 1, loader)) {
                LoadedVoice a = cache.acquire(info("a", V1));
                a.release();
                cache.acquire(info("b", V2)).release();
                assertThat(cache.size()).isEqualTo(1);
                assertThat(cache.bytes()).isEqualTo(v2Bytes);
                assertThatThrownBy(a::acquire).as("the evicted model was closed").isInstanceOf(
                        IllegalStateException.class);
            }
            // A single model above the bound is still served (and kept while it is the latest).
            try (VoiceCache tight = new VoiceCache(4, 1, loader)) {
                LoadedVoice a = tight.acquire(info("a", V1));
                assertThat(a.profile().sampleRate()).isEqualTo(32_000);
                a.release();
                assertThat(tight.size()).isEqualTo(1);
            }
        }
    }

    @Test
    void loads_the_new_weights_when_a_model_file_is_replaced_under_the_same_path() throws Exception {
        Path pth = dir.resolve("voice.pth");
        Files.copy(V1, pth);
        VoiceModelInfo voice = info("voice", pth);
        try (NDManager base = NDManager.newBaseManager();
                VoiceCache cache = new VoiceCache(2, Long.MAX_VALUE, new VoiceModelLoader(base, RetrievalIndex::read))) {
            LoadedVoice first = cache.acquire(voice);
            assertThat(first.profile().sampleRate()).isEqualTo(32_000);
            first.release();
            LoadedVoice same = cache.acquire(voice);
            assertThat(same).as("unchanged file: served from the cache").isSameAs(first);
            same.release();

            // Deleted and uploaded again under the same name, as the HTTP adapter's model upload does.
            Files.delete(pth);
            Files.copy(V2, pth, StandardCopyOption.REPLACE_EXISTING);
            LoadedVoice replaced = cache.acquire(voice);
            assertThat(replaced.profile().sampleRate()).isEqualTo(40_000);
            assertThat(replaced.profile().version()).isEqualTo("v2");
            replaced.release();
            assertThat(cache.size()).as("the old weights are gone, not kept beside the new").isEqualTo(1);
            assertThatThrownBy(first::acquire).isInstanceOf(IllegalStateException.class);
        }
    }
}
