package io.rvc4j.engine.registry;

import io.rvc4j.core.error.InvalidParameterException;

/** Model names are single path segments: a name can never point outside the models directory. */
public final class ModelNames {

    private static final int MAX_LENGTH = 255;

    private ModelNames() {
    }

    /**
     * Returns {@code name} when it is a plain file-name segment.
     *
     * @throws InvalidParameterException ({@code model_name}) naming the bad name when it is blank, too long, absolute,
     *     contains a path separator, "..", a NUL or another control character, or is "."
     */
    public static String validate(String name) {
        String why = problem(name);
        if (why != null) {
            throw new InvalidParameterException("model_name", "invalid model name '" + printable(name) + "': " + why);
        }
        return name;
    }

    private static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        if (name.indexOf('\0') >= 0) {
            return "must not contain NUL";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "must not contain a path separator";
        }
        if (name.contains("..")) {
            return "must not contain '..'";
        }
        if (name.equals(".")) {
            return "must not be '.'";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "must not be an absolute path";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    private static String printable(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        name.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
