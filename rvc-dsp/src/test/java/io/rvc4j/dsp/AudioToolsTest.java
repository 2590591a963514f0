package io.rvc4j.dsp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool is a skip on a developer machine and a failure under RVC4J_REQUIRE_TOOLS=1 (CI). */
class AudioToolsTest {
    private static final String ABSENT = "rvc4j-no-such-tool-7f3a";

    @Test
    void a_missing_tool_fails_the_test_when_tools_are_required() {
        assertThatThrownBy(() -> AudioTools.requireTool(ABSENT, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ABSENT + " is not installed and RVC4J_REQUIRE_TOOLS=1 requires it");
    }

    @Test
    void a_missing_tool_skips_the_test_otherwise() {
        assertThatThrownBy(() -> AudioTools.requireTool(ABSENT, false)).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void a_present_tool_passes_in_both_modes() {
        // sh is on every POSIX PATH the build runs on.
        assertThatCode(() -> AudioTools.requireTool("sh", true)).doesNotThrowAnyException();
        assertThatCode(() -> AudioTools.requireTool("sh", false)).doesNotThrowAnyException();
    }
}
