package io.rvc4j.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same object pickled by Python with protocols 0 to 5 must read back identically. */
class PickleProtocolsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void reads_every_pickle_protocol_alike(int protocol) throws Exception {
        byte[] pickle = Files.readAllBytes(Fixtures.file("pickle_proto" + protocol + ".pkl"));
        Map<?, ?> m = (Map<?, ?>) TorchCheckpoint.readPickle(pickle, "protocol " + protocol);
        assertThat(m.get("str")).isEqualTo("h\u00e9llo \u2713");
        assertThat(m.get("int")).isEqualTo(7L);
        assertThat(m.get("neg")).isEqualTo(-300L);
        assertThat(m.get("i32")).isEqualTo(70000L);
        assertThat(m.get("big")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(m.get("negbig")).isEqualTo(BigInteger.TWO.pow(65).negate());
        assertThat(m.get("float")).isEqualTo(0.25);
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.get("f")).isEqualTo(false);
        assertThat(m.containsKey("none") && m.get("none") == null).isTrue();
        assertThat((byte[]) m.get("bytes")).containsExactly(0, 0xff);
        assertThat(m.get("list")).isEqualTo(List.of(1L, List.of(2L, 3L)));
        assertThat(m.get("tuple")).isEqualTo(List.of(1L, "a"));
        assertThat(m.get("empty_tuple")).isEqualTo(List.of());
        assertThat(m.get("set")).isEqualTo(Set.of(1L));
        assertThat(m.get("frozenset")).isEqualTo(Set.of(2L));
        assertThat((byte[]) m.get("bytearray")).containsExactly('a', 'b');
        assertThat(m.get("a")).as("the memo shares one object").isSameAs(m.get("b"));
    }
}
