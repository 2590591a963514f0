package io.rvc4j.engine.io;

import java.math.BigInteger;
import java.util.List;

/**
 * Dict keys and set members must be immutable scalars or tuples of them. Python would refuse unhashable keys too;
 * for us it also rules out cyclic keys, whose Java {@code hashCode} would recurse without end.
 */
final class PickleKeys {

    private static final int MAX_TUPLE_DEPTH = 8;

    private PickleKeys() {
    }

    static Object checked(Object key, PickleInput in) {
        if (!hashable(key, 0)) {
            throw in.error("unhashable dict key or set member of type " + PickleMachine.typeName(key));
        }
        return key;
    }

    private static boolean hashable(Object key, int depth) {
        if (key == null || key instanceof String || key instanceof Long || key instanceof Double
                || key instanceof Boolean || key instanceof BigInteger || key instanceof PickleGlobal) {
            return true;
        }
        if (key instanceof List<?> l && depth < MAX_TUPLE_DEPTH && l.getClass() != java.util.ArrayList.class) {
            for (Object o : l) {
                if (!hashable(o, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
