package io.rvc4j.adapter.http.archfake;

/** Stands in (test sources only) for a class of another adapter, so the isolation rule can be shown to fail. */
public final class OtherAdapterClass {
    public static final String NAME = "other";

    private OtherAdapterClass() {
    }

    public static String name() {
        return NAME;
    }
}
