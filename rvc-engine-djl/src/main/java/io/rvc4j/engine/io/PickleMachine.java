package io.rvc4j.engine.io;

import io.rvc4j.core.error.UnsafeModelFileException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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

    /** Most memo entries and stack items; real checkpoints use a few thousand. */
    static final int MAX_OBJECTS = 1 << 21;
    private static final int HIGHEST_PROTOCOL = 5;
    private static final Object MARK_NONE = new Object();

    private final PickleInput in;
    private final PickleCalls calls;
    private final List<Object> stack = new ArrayList<>();
    private final int[] marks = new int[4096];
    private int markDepth;
    private final Map<Long, Object> memo = new HashMap<>();

    PickleMachine(ByteBuffer pickle, String source, PickleCalls calls) {
        this.in = new PickleInput(pickle, source);
        this.calls = calls;
    }

    /** Runs to STOP and returns the top of the stack. */
    Object load() {
        while (true) {
            int op = in.u8();
            if (op == '.') {
                return pop();
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
            case '(' -> mark();
            case '0' -> pop();
            case '1' -> popMark();
            case '2' -> push(peek());
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'I' -> push(parseIntLine(in.line()));
            case 'L' -> push(parseLongLine(in.line()));
            case 'J' -> push((long) in.i32());
            case 'K' -> push((long) in.u8());
            case 'M' -> push((long) in.u16());
            case 0x8a -> push(in.longLE(in.u8()));
            case 0x8b -> push(in.longLE(in.u32()));
            case 'F' -> push(parseFloat(in.line()));
            case 'G' -> push(in.f64BigEndian());
            case 'S' -> push(PickleText.quoted(in.line(), in));
            case 'T' -> push(in.latin1(in.u32()));
            case 'U' -> push(in.latin1(in.u8()));
            case 'V' -> push(PickleText.rawUnicodeEscape(in.line(), in));
            case 'X' -> push(in.utf8(in.u32()));
            case 0x8c -> push(in.utf8(in.u8()));
            case 0x8d -> push(in.utf8(in.length8()));
            case 'B' -> push(in.bytes(in.u32()));
            case 'C' -> push(in.bytes(in.u8()));
            case 0x8e, 0x96 -> push(in.bytes(in.length8()));
            case ']' -> push(new ArrayList<>());
            case '}' -> push(new LinkedHashMap<>());
            case ')' -> push(tuple(List.of()));
            case 0x8f -> push(new LinkedHashSet<>());
            case 'l' -> push(new ArrayList<>(popMark()));
            case 't' -> push(tuple(popMark()));
            case 0x85 -> push(tuple(Arrays.asList(pop())));
            case 0x86 -> {
                Object b = pop();
                Object a = pop();
                push(tuple(Arrays.asList(a, b)));
            }
            case 0x87 -> {
                Object c = pop();
                Object b = pop();
                Object a = pop();
                push(tuple(Arrays.asList(a, b, c)));
            }
            case 'd' -> push(dict(popMark()));
            case 0x91 -> push(Collections.unmodifiableSet(addAll(new LinkedHashSet<>(), popMark())));
            case 'a' -> {
                Object v = pop();
                appendAll(peek(), Arrays.asList(v));
            }
            case 'e' -> {
                List<Object> items = popMark();
                appendAll(peek(), items);
            }
            case 0x90 -> {
                List<Object> items = popMark();
                if (!(peek() instanceof Set<?>)) {
                    throw in.error("ADDITEMS on a " + typeName(peek()));
                }
                addAll(castSet(peek()), items);
            }
            case 's' -> {
                Object v = pop();
                Object k = pop();
                setItems(peek(), Arrays.asList(k, v));
            }
            case 'u' -> {
                List<Object> items = popMark();
                setItems(peek(), items);
            }
            case 'p' -> memoPut(parseIntLine(in.line()));
            case 'q' -> memoPut(in.u8());
            case 'r' -> memoPut(in.u32());
            case 0x94 -> memoPut(memo.size());
            case 'g' -> memoGet(parseIntLine(in.line()));
            case 'h' -> memoGet(in.u8());
            case 'j' -> memoGet(in.u32());
            case 'c' -> push(global(in.line(), in.line()));
            case 0x93 -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw in.error("STACK_GLOBAL needs two strings");
                }
                push(global(m, n));
            }
            case 'i' -> {
                PickleGlobal cls = global(in.line(), in.line());
                push(calls.call(cls, popMark(), in));
            }
            case 'o' -> {
                List<Object> items = popMark();
                if (items.isEmpty()) {
                    throw in.error("OBJ without a class");
                }
                push(calls.call(items.get(0), items.subList(1, items.size()), in));
            }
            case 'R' -> {
                Object args = pop();
                push(calls.call(pop(), asArgs(args), in));
            }
            case 0x81 -> {
                Object args = pop();
                push(calls.call(pop(), asArgs(args), in));
            }
            case 0x92 -> {
                pop(); // kwargs: only stubs take them, and stubs keep positional args only
                Object args = pop();
                push(calls.call(pop(), asArgs(args), in));
            }
            case 'b' -> {
                Object state = pop();
                calls.build(peek(), state, in);
            }
            case 'P' -> push(calls.persistent(in.line(), in));
            case 'Q' -> push(calls.persistent(pop(), in));
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

    private void push(Object o) {
        if (stack.size() >= MAX_OBJECTS) {
            throw in.error("pickle stack exceeds " + MAX_OBJECTS + " items");
        }
        stack.add(box(o));
    }

    private static Object box(Object o) {
        return o == null ? MARK_NONE : o;
    }

    private static Object unbox(Object o) {
        return o == MARK_NONE ? null : o;
    }

    private Object pop() {
        int floor = markDepth == 0 ? 0 : marks[markDepth - 1];
        if (stack.size() <= floor) {
            throw in.error("pickle stack underflow");
        }
        return unbox(stack.remove(stack.size() - 1));
    }

    private Object peek() {
        int floor = markDepth == 0 ? 0 : marks[markDepth - 1];
        if (stack.size() <= floor) {
            throw in.error("pickle stack underflow");
        }
        return unbox(stack.get(stack.size() - 1));
    }

    private void mark() {
        if (markDepth == marks.length) {
            throw in.error("pickle marks nested deeper than " + marks.length);
        }
        marks[markDepth++] = stack.size();
    }

    private List<Object> popMark() {
        if (markDepth == 0) {
            throw in.error("pickle MARK expected");
        }
        int at = marks[--markDepth];
        List<Object> sub = stack.subList(at, stack.size());
        List<Object> items = new ArrayList<>(sub.size());
        for (Object o : sub) {
            items.add(unbox(o));
        }
        sub.clear();
        return items;
    }

    private void memoPut(long index) {
        if (memo.size() >= MAX_OBJECTS && !memo.containsKey(index)) {
            throw in.error("pickle memo exceeds " + MAX_OBJECTS + " entries");
        }
        memo.put(index, box(peek()));
    }

    private void memoGet(long index) {
        Object o = memo.get(index);
        if (o == null) {
            throw in.error("pickle memo has no entry " + index);
        }
        push(unbox(o));
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
            list.add(unbox(o));
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
        memoPut(asIndex(index));
    }

    private void memoGet(Object index) {
        memoGet(asIndex(index));
    }

    private long asIndex(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw in.error("bad memo index");
    }
}
