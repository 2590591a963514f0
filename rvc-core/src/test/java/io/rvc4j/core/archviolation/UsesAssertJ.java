package io.rvc4j.core.archviolation;

import org.assertj.core.api.Assertions;

/** A deliberately bad "core" class (test sources only): it uses a third-party library, which the rule must catch. */
public final class UsesAssertJ {
    private UsesAssertJ() {
    }

    public static void check(Object value) {
        Assertions.assertThat(value).isNotNull();
    }
}
