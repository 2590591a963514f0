package io.rvc4j.engine.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An object of a class the reader does not model (argparse {@code Namespace}, omegaconf and fairseq classes, numpy
 * scalars): the class name, the constructor arguments and the {@code __setstate__} state, kept inert. Nothing is ever
 * instantiated or called.
 */
public final class PickleStub {

    private final String className;
    private final List<Object> args;
    private Object state;

    PickleStub(String className, List<Object> args) {
        this.className = className;
        this.args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** The pickled class, {@code module.qualname}, e.g. {@code argparse.Namespace}. */
    public String className() {
        return className;
    }

    /** The arguments the pickle passed to the class (REDUCE / NEWOBJ), possibly empty. */
    public List<Object> args() {
        return args;
    }

    /** The state the pickle set with BUILD (usually a map of attributes), or null. */
    public Object state() {
        return state;
    }

    void setState(Object state) {
        this.state = state;
    }

    @Override
    public String toString() {
        // Deliberately shallow: pickled graphs may be cyclic.
        return "PickleStub[" + className + ", " + args.size() + " args" + (state == null ? "" : ", with state") + "]";
    }
}
