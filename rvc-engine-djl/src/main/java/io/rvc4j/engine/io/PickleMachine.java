package io.rvc4j.engine.io;

import io.rvc4j.core.error.UnsafeModelFileException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted pickle virtual machine (protocols 0 to 5). It builds plain Java values and never runs anything: globals
 * are checked against {@link PickleGlobal}'s allow-list the moment they are read, and "calls" only ever mean the few
 * constructors that list models (dicts, tensors, stubs). Sizes are capped so a hostile or corrupt stream cannot exhaust
 * memory; every opcode consumes input, so it cannot loop either.
 */
final class PickleMachine {

    private static final int HIGHEST_PROTOCOL = 5;

    private final PickleInput in;
    private final PickleCalls calls;
    private final PickleStack stack;

    PickleMachine(ByteBuffer pickle, String source, PickleCalls calls) {
        this.in = new PickleInput(pickle, source);
        this.calls = calls;
        this.stack = new PickleStack(in);
    }

    /** Runs to STOP and returns the top of the stack. */
    Object load() {
        while (true) {
            int op = in.u8();
            if (op == '.') {
                return stack.pop();
            }
            step(op);
        }
    }

    /** Bytes consumed so far (the legacy torch format chains several pickles). */
    int position() {
        return in.position();
    }

    private void step(int op) {
        switch (op) {
            case 0x80 -> { // PROTO
                int proto = in.u8();
                if (proto > HIGHEST_PROTOCOL) {
                    throw in.error("unsupported pickle protocol " + proto);
                }
            }
            case 0x95 -> in.i64(); // FRAME: a length hint only
            case '(' -> stack.mark();
            case '0' -> stack.pop();
            case '1' -> stack.popMark();
            case '2' -> stack.push(stack.peek());
            case 'N' -> stack.push(null);
            case 0x88 -> stack.push(Boolean.TRUE);
            case 0x89 -> stack.push(Boolean.FALSE);
            case 'I' -> stack.push(parseIntLine(in.line()));
            case 'L' -> stack.push(parseLongLine(in.line()));
            case 'J' -> stack.push((long) in.i32());
            case 'K' -> stack.push((long) in.u8());
            case 'M' -> stack.push((long) in.u16());
            case 0x8a -> stack.push(in.longLE(in.u8()));
            case 0x8b -> stack.push(in.longLE(in.u32()));
            case 'F' -> stack.push(parseFloat(in.line()));
            case 'G' -> stack.push(in.f64BigEndian());
            case 'S' -> stack.push(PickleText.quoted(in.line(), in));
            case 'T' -> stack.push(in.latin1(in.u32()));
            case 'U' -> stack.push(in.latin1(in.u8()));
            case 'V' -> stack.push(PickleText.rawUnicodeEscape(in.line(), in));
            case 'X' -> stack.push(in.utf8(in.u32()));
            case 0x8c -> stack.push(in.utf8(in.u8()));
            case 0x8d -> stack.push(in.utf8(in.length8()));
            case 'B' -> stack.push(in.bytes(in.u32()));
            case 'C' -> stack.push(in.bytes(in.u8()));
            case 0x8e, 0x96 -> stack.push(in.bytes(in.length8()));
            case ']' -> stack.push(new ArrayList<>());
            case '}' -> stack.push(new LinkedHashMap<>());
            case ')' -> stack.push(tuple(List.of()));
            case 0x8f -> stack.push(new LinkedHashSet<>());
            case 'l' -> stack.push(new ArrayList<>(stack.popMark()));
            case 't' -> stack.push(tuple(stack.popMark()));
            case 0x85 -> stack.push(tuple(Arrays.asList(stack.pop())));
            case 0x86 -> {
                Object b = stack.pop();
                Object a = stack.pop();
                stack.push(tuple(Arrays.asList(a, b)));
            }
            case 0x87 -> {
                Object c = stack.pop();
                Object b = stack.pop();
                Object a = stack.pop();
                stack.push(tuple(Arrays.asList(a, b, c)));
            }
            case 'd' -> stack.push(dict(stack.popMark()));
            case 0x91 -> stack.push(Collections.unmodifiableSet(addAll(new LinkedHashSet<>(), stack.popMark())));
            case 'a' -> {
                Object v = stack.pop();
                appendAll(stack.peek(), Arrays.asList(v));
            }
            case 'e' -> {
                List<Object> items = stack.popMark();
                appendAll(stack.peek(), items);
            }
            case 0x90 -> {
                List<Object> items = stack.popMark();
                if (!(stack.peek() instanceof Set<?>)) {
                    throw in.error("ADDITEMS on a " + typeName(stack.peek()));
                }
                addAll(castSet(stack.peek()), items);
            }
            case 's' -> {
                Object v = stack.pop();
                Object k = stack.pop();
                setItems(stack.peek(), Arrays.asList(k, v));
            }
            case 'u' -> {
                List<Object> items = stack.popMark();
                setItems(stack.peek(), items);
            }
            case 'p' -> memoPut(parseIntLine(in.line()));
            case 'q' -> memoPut(in.u8());
            case 'r' -> memoPut(in.u32());
            case 0x94 -> stack.memoize();
            case 'g' -> memoGet(parseIntLine(in.line()));
            case 'h' -> memoGet(in.u8());
            case 'j' -> memoGet(in.u32());
            case 'c' -> stack.push(global(in.line(), in.line()));
            case 0x93 -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw in.error("STACK_GLOBAL needs two strings");
                }
                stack.push(global(m, n));
            }
            case 'i' -> {
                PickleGlobal cls = global(in.line(), in.line());
                stack.push(calls.call(cls, stack.popMark(), in));
            }
            case 'o' -> {
                List<Object> items = stack.popMark();
                if (items.isEmpty()) {
                    throw in.error("OBJ without a class");
                }
                stack.push(calls.call(items.get(0), items.subList(1, items.size()), in));
            }
            case 'R' -> {
                Object args = stack.pop();
                stack.push(calls.call(stack.pop(), asArgs(args), in));
            }
            case 0x81 -> {
                Object args = stack.pop();
                stack.push(calls.call(stack.pop(), asArgs(args), in));
            }
            case 0x92 -> {
                stack.pop(); // kwargs: only stubs take them, and stubs keep positional args only
                Object args = stack.pop();
                stack.push(calls.call(stack.pop(), asArgs(args), in));
            }
            case 'b' -> {
                Object state = stack.pop();
                calls.build(stack.peek(), state, in);
            }
            case 'P' -> stack.push(calls.persistent(in.line(), in));
            case 'Q' -> stack.push(calls.persistent(stack.pop(), in));
            case 0x82, 0x83, 0x84 -> throw new UnsafeModelFileException(in.error(
                    "the pickle asks for a copyreg extension code, which could name any callable; refused").getMessage());
            case 0x97, 0x98 -> throw in.error("out-of-band pickle buffers are not supported");
            default -> throw in.error(String.format("unknown pickle opcode 0x%02x", op));
        }
    }

    private PickleGlobal global(String module, String name) {
        PickleGlobal g = PickleGlobal.resolve(module, name);
        if (g == null) {
            String normal = PickleGlobal.normalModule(module) + "." + name;
            String raw = module + "." + name;
            throw new UnsafeModelFileException(in.error("refused: the pickle references the global '"
                    + PickleText.clip(normal) + "'" + (raw.equals(normal) ? "" : " (written '" + PickleText.clip(raw)
                    + "')") + ", which is not on the allow-list of data-only classes (nothing was executed)")
                    .getMessage());
        }
        return g;
    }

    static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private List<Object> asArgs(Object args) {
        if (args instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            return list;
        }
        throw in.error("call arguments must be a tuple, got " + typeName(args));
    }

    private Map<Object, Object> dict(List<Object> items) {
        Map<Object, Object> m = new LinkedHashMap<>();
        setItems(m, items);
        return m;
    }

    private void setItems(Object target, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw in.error("odd number of dict items");
        }
        Map<Object, Object> map = calls.asMap(target, in);
        for (int i = 0; i < items.size(); i += 2) {
            map.put(PickleKeys.checked(items.get(i), in), items.get(i + 1));
        }
        calls.checkSize(map.size(), in);
    }

    private void appendAll(Object target, List<Object> items) {
        if (!(target instanceof ArrayList<?>)) {
            throw in.error("APPEND on a " + typeName(target));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        for (Object o : items) {
            list.add(o);
        }
        calls.checkSize(list.size(), in);
    }

    private Set<Object> addAll(Set<Object> set, List<Object> items) {
        for (Object o : items) {
            set.add(PickleKeys.checked(o, in));
        }
        calls.checkSize(set.size(), in);
        return set;
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> castSet(Object o) {
        return (Set<Object>) o;
    }

    private Object parseIntLine(String s) {
        // Protocol 0 writes booleans as I01 / I00.
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        return parseLongLine(s);
    }

    private Object parseLongLine(String s) {
        String t = s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
        try {
            return PickleInput.narrow(new BigInteger(t));
        } catch (NumberFormatException e) {
            throw in.error("bad integer text '" + PickleText.clip(s) + "'");
        }
    }

    private double parseFloat(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw in.error("bad float text '" + PickleText.clip(s) + "'");
        }
    }

    static String typeName(Object o) {
        return o == null ? "None" : o instanceof PickleStub s ? s.className() : o.getClass().getSimpleName();
    }

    /** Used by the memo for int-keyed protocol-0 PUT/GET lines. */
    private void memoPut(Object index) {
        stack.memoPut(asIndex(index));
    }

    private void memoGet(Object index) {
        stack.memoGet(asIndex(index));
    }

    private void memoPut(long index) {
        stack.memoPut(index);
    }

    private void memoGet(long index) {
        stack.memoGet(index);
    }

    private long asIndex(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw in.error("bad memo index");
    }
}
