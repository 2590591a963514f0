package io.rvc4j.adapter.http.archviolation;

import io.rvc4j.adapter.runpod.archfake.OtherAdapterClass;

/** A deliberately bad adapter class (test sources only): it calls into another adapter. */
public final class ImportsOtherAdapter {
    private ImportsOtherAdapter() {
    }

    public static String borrow() {
        return OtherAdapterClass.name();
    }
}
