package io.rvc4j.engine.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the files written by tools/reference/make_file_fixtures.py (real torch / faiss / numpy writers). */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * A real model under a {@code shared/models/} folder next to the checkout or any of its ancestors (the project
     * keeps real weights there, outside the repository); empty when absent so tests can skip with a message.
     */
    public static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/files/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name + "; run tools/reference/make_file_fixtures.py", e);
        }
    }
}
