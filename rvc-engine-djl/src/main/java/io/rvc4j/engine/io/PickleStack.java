package io.rvc4j.engine.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pickle machine's stack, mark stack and memo, with Python's semantics (MARK opens a new frame; values below it
 * are out of reach until it is popped) and hard caps on their sizes.
 */
final class PickleStack {

    /** Most memo entries and stack items; real checkpoints use a few thousand. */
    static final int MAX_OBJECTS = 1 << 21;
    /** Stands for None on the stack and in the memo, so a missing memo entry is distinguishable. */
    private static final Object NONE = new Object();

    private final PickleInput in;
    private final List<Object> items = new ArrayList<>();
    private final int[] marks = new int[4096];
    private int markDepth;
    private final Map<Long, Object> memo = new HashMap<>();

    PickleStack(PickleInput in) {
        this.in = in;
    }

    void push(Object o) {
        if (items.size() >= MAX_OBJECTS) {
            throw in.error("pickle stack exceeds " + MAX_OBJECTS + " items");
        }
        items.add(box(o));
    }

    private static Object box(Object o) {
        return o == null ? NONE : o;
    }

    private static Object unbox(Object o) {
        return o == NONE ? null : o;
    }

    Object pop() {
        int floor = markDepth == 0 ? 0 : marks[markDepth - 1];
        if (items.size() <= floor) {
            throw in.error("pickle stack underflow");
        }
        return unbox(items.remove(items.size() - 1));
    }

    Object peek() {
        int floor = markDepth == 0 ? 0 : marks[markDepth - 1];
        if (items.size() <= floor) {
            throw in.error("pickle stack underflow");
        }
        return unbox(items.get(items.size() - 1));
    }

    void mark() {
        if (markDepth == marks.length) {
            throw in.error("pickle marks nested deeper than " + marks.length);
        }
        marks[markDepth++] = items.size();
    }

    List<Object> popMark() {
        if (markDepth == 0) {
            throw in.error("pickle MARK expected");
        }
        int at = marks[--markDepth];
        List<Object> sub = items.subList(at, items.size());
        List<Object> items = new ArrayList<>(sub.size());
        for (Object o : sub) {
            items.add(unbox(o));
        }
        sub.clear();
        return items;
    }

    void memoPut(long index) {
        if (memo.size() >= MAX_OBJECTS && !memo.containsKey(index)) {
            throw in.error("pickle memo exceeds " + MAX_OBJECTS + " entries");
        }
        memo.put(index, box(peek()));
    }

    /** MEMOIZE: the next free memo index. */
    void memoize() {
        memoPut(memo.size());
    }

    void memoGet(long index) {
        Object o = memo.get(index);
        if (o == null) {
            throw in.error("pickle memo has no entry " + index);
        }
        push(unbox(o));
    }
}
