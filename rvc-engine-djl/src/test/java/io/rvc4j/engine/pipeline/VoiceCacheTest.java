package io.rvc4j.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.rvc4j.core.model.VoiceModelInfo;
import io.rvc4j.engine.Fixtures;
import io.rvc4j.engine.retrieval.RetrievalIndex;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceCacheTest {

    @Test
    void never_closes_an_evicted_model_while_a_request_holds_it() {
        VoiceModelInfo a = new VoiceModelInfo("a", Fixtures.path("pipeline/tiny_v1_32k.pth"), Optional.empty(), 0);
        VoiceModelInfo b = new VoiceModelInfo("b", Fixtures.path("pipeline/tiny_v2_40k.pth"), Optional.empty(), 0);
        try (NDManager base = NDManager.newBaseManager();
                VoiceCache cache = new VoiceCache(1, new VoiceModelLoader(base, RetrievalIndex::read))) {
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
}
