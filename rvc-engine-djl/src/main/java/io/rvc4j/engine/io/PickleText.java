package io.rvc4j.engine.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protocol-0 text forms: quoted byte strings ({@code S}) and raw-unicode-escape strings ({@code V}). */
final class PickleText {

    private static final int CLIP = 40;

    private PickleText() {
    }

    /** A repr-quoted string as protocol 0 writes it: 'abc' or "abc" with backslash escapes, decoded as Latin-1. */
    static String quoted(String line, PickleInput in) {
        if (line.length() < 2 || line.charAt(0) != line.charAt(line.length() - 1)
                || (line.charAt(0) != '\'' && line.charAt(0) != '"')) {
            throw in.error("bad quoted string '" + clip(line) + "'");
        }
        String body = line.substring(1, line.length() - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (++i >= body.length()) {
                throw in.error("dangling backslash in quoted string");
            }
            char e = body.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '\\', '\'', '"' -> out.write(e);
                case 'x' -> {
                    out.write(hex(body, i + 1, 2, in));
                    i += 2;
                }
                default -> throw in.error("unsupported escape \\" + e + " in quoted string");
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Python's raw-unicode-escape: Latin-1 text where only {@code \\uXXXX} and {@code \\UXXXXXXXX} are escapes. */
    static String rawUnicodeEscape(String latin, PickleInput in) {
        StringBuilder sb = new StringBuilder(latin.length());
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if (c == '\\' && i + 1 < latin.length() && (latin.charAt(i + 1) == 'u' || latin.charAt(i + 1) == 'U')) {
                int digits = latin.charAt(i + 1) == 'u' ? 4 : 8;
                int cp = hex(latin, i + 2, digits, in);
                if (!Character.isValidCodePoint(cp)) {
                    throw in.error("bad code point in unicode string");
                }
                sb.appendCodePoint(cp);
                i += 1 + digits;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int hex(String s, int from, int digits, PickleInput in) {
        if (from + digits > s.length()) {
            throw in.error("short hex escape");
        }
        try {
            return (int) Long.parseLong(s.substring(from, from + digits), 16);
        } catch (NumberFormatException e) {
            throw in.error("bad hex escape");
        }
    }

    /** A short, printable excerpt of untrusted text for error messages. */
    static String clip(String s) {
        String t = s.length() > CLIP ? s.substring(0, CLIP) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
