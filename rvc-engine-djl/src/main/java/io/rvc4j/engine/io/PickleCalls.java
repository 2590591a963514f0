package io.rvc4j.engine.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What REDUCE, NEWOBJ, BUILD and persistent ids mean for the allow-listed globals: constructing dicts, tensors and
 * inert stubs. Nothing here reflects, loads classes or runs code.
 */
final class PickleCalls {

    /** Largest dict / list / set we build; the biggest real state dicts hold a few thousand entries. */
    static final int MAX_CONTAINER = 1 << 24;

    private final StorageSource storages;
    private final TensorRebuild tensors;

    /**
     * @param storages where persistent ids point, or null for pickles without tensors
     * @param tensors the tensor builder, or null for a dry run that only walks the pickle (tensors become stubs)
     */
    PickleCalls(StorageSource storages, TensorRebuild tensors) {
        this.storages = storages;
        this.tensors = tensors;
    }

    Object persistent(Object pid, PickleInput in) {
        if (storages == null) {
            throw in.error("persistent id in a pickle that has no storages");
        }
        return storages.resolve(pid);
    }

    Object call(Object callee, List<Object> args, PickleInput in) {
        if (!(callee instanceof PickleGlobal g)) {
            throw in.error("call of a " + PickleMachine.typeName(callee) + ", which is not callable here");
        }
        return switch (g.kind()) {
            case DICT -> newDict(args, in);
            case LIST -> args.isEmpty() ? new ArrayList<>() : new ArrayList<>(asList(args.get(0), in));
            case SET -> args.isEmpty() ? new LinkedHashSet<>() : newSet(asList(args.get(0), in), in);
            case BYTEARRAY -> bytesOf(args, in);
            case CODECS_ENCODE -> encode(args, in);
            case REBUILD_TENSOR -> tensors == null ? new PickleStub(g.qualifiedName(), List.of())
                    : tensors.rebuild(args, storages, in);
            case REBUILD_PARAMETER -> {
                if (args.isEmpty() || !(args.get(0) instanceof TensorData || tensors == null)) {
                    throw in.error("parameter without a tensor");
                }
                yield args.get(0);
            }
            case REBUILD_FROM_TYPE -> {
                // _rebuild_from_type_v2(func, new_type, args, state): the tensor is func(*args); the subclass is dropped.
                if (args.size() < 3 || !(args.get(2) instanceof List<?>)) {
                    throw in.error("malformed _rebuild_from_type_v2 call");
                }
                yield call(args.get(0), asList(args.get(2), in), in);
            }
            case UNSUPPORTED_TENSOR -> throw in.error("unsupported tensor kind (" + g.qualifiedName()
                    + "): only dense CPU-layout tensors can be read");
            case SIZE -> PickleMachine.tuple(args.isEmpty() ? List.of() : asList(args.get(0), in));
            case STORAGE_TYPE -> throw in.error("direct construction of " + g.qualifiedName() + " is not supported");
            case VALUE -> new PickleStub(g.qualifiedName(), args);
            case STUB -> new PickleStub(g.qualifiedName(), args);
        };
    }

    void build(Object target, Object state, PickleInput in) {
        if (target instanceof PickleStub stub) {
            stub.setState(state);
        } else if (!(target instanceof TensorData) && !(target instanceof Map<?, ?>)) {
            // BUILD sets attributes, not items: a state dict's OrderedDict carries "_metadata" that way, and tensors
            // carry parameter state and hooks. Both are dropped; anything else has no state to set.
            throw in.error("BUILD on a " + PickleMachine.typeName(target));
        }
    }

    @SuppressWarnings("unchecked")
    Map<Object, Object> asMap(Object target, PickleInput in) {
        if (target instanceof LinkedHashMap<?, ?>) {
            return (Map<Object, Object>) target;
        }
        if (target instanceof PickleStub stub) {
            // Dict subclasses (omegaconf containers, fairseq configs) get their items kept in the stub's state.
            if (stub.state() == null) {
                stub.setState(new LinkedHashMap<>());
            }
            if (stub.state() instanceof LinkedHashMap<?, ?>) {
                return (Map<Object, Object>) stub.state();
            }
        }
        throw in.error("SETITEM on a " + PickleMachine.typeName(target));
    }

    void checkSize(int size, PickleInput in) {
        if (size > MAX_CONTAINER) {
            throw in.error("container exceeds " + MAX_CONTAINER + " items");
        }
    }

    private Map<Object, Object> newDict(List<Object> args, PickleInput in) {
        Map<Object, Object> m = new LinkedHashMap<>();
        if (!args.isEmpty() && args.get(0) instanceof List<?>) {
            // OrderedDict(items) where items is a list of (key, value) pairs; defaultdict(factory) has no items.
            for (Object pair : asList(args.get(0), in)) {
                List<Object> kv = asList(pair, in);
                if (kv.size() != 2) {
                    throw in.error("dict item is not a pair");
                }
                m.put(PickleKeys.checked(kv.get(0), in), kv.get(1));
            }
        }
        return m;
    }

    private Set<Object> newSet(List<Object> items, PickleInput in) {
        Set<Object> s = new LinkedHashSet<>();
        for (Object o : items) {
            s.add(PickleKeys.checked(o, in));
        }
        return s;
    }

    private static byte[] bytesOf(List<Object> args, PickleInput in) {
        if (args.isEmpty()) {
            return new byte[0];
        }
        if (args.get(0) instanceof byte[] b) {
            return b.clone();
        }
        if (args.get(0) instanceof String) {
            // Protocols 0-2 write bytearray(b"ab") as bytearray("ab", "latin-1").
            return encode(args, in);
        }
        throw in.error("bytearray from a " + PickleMachine.typeName(args.get(0)));
    }

    /** {@code _codecs.encode(text, "latin1")}: how protocol 2 stores bytes objects. */
    private static byte[] encode(List<Object> args, PickleInput in) {
        if (args.isEmpty() || !(args.get(0) instanceof String text)) {
            throw in.error("_codecs.encode needs a string");
        }
        String enc = args.size() > 1 && args.get(1) instanceof String e ? e : "utf-8";
        return switch (enc.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "latin1", "latin_1", "iso_8859_1" -> text.getBytes(StandardCharsets.ISO_8859_1);
            case "utf_8", "utf8" -> text.getBytes(StandardCharsets.UTF_8);
            case "ascii" -> text.getBytes(StandardCharsets.US_ASCII);
            default -> throw in.error("unsupported encoding '" + PickleText.clip(enc) + "'");
        };
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o, PickleInput in) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw in.error("expected a list or tuple, got " + PickleMachine.typeName(o));
    }
}
