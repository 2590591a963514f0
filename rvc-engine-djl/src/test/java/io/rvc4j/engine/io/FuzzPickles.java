package io.rvc4j.engine.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-assembled pickles for edge cases torch.save would never write. */
final class FuzzPickles {

    private FuzzPickles() {
    }

    /**
     * {@code _rebuild_tensor_v2(('storage', FloatStorage, '0', 'cpu', storageNumel), 0, (size,), (1,), False,
     * OrderedDict())}.
     */
    static byte[] tensorOverStorage(int size, int storageNumel) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x80);
        o.write(2);
        global(o, "torch._utils", "_rebuild_tensor_v2");
        o.write('(');
        o.write('(');
        text(o, "storage");
        global(o, "torch", "FloatStorage");
        text(o, "0");
        text(o, "cpu");
        binint(o, storageNumel);
        o.write('t');
        o.write('Q'); // BINPERSID
        binint(o, 0);
        binint(o, size);
        o.write(0x85); // TUPLE1
        binint(o, 1);
        o.write(0x85);
        o.write(0x89); // False
        global(o, "collections", "OrderedDict");
        o.write(')');
        o.write('R');
        o.write('t');
        o.write('R');
        o.write('.');
        return o.toByteArray();
    }

    private static void global(ByteArrayOutputStream o, String module, String name) {
        o.write('c');
        o.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void text(ByteArrayOutputStream o, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.write(0x8c);
        o.write(b.length);
        o.writeBytes(b);
    }

    private static void binint(ByteArrayOutputStream o, int v) {
        o.write('J');
        o.write(v);
        o.write(v >>> 8);
        o.write(v >>> 16);
        o.write(v >>> 24);
    }
}
