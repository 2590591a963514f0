package io.rvc4j.adapter.http;

import io.rvc4j.core.error.InvalidParameterException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The launcher's few flags: {@code --name value} or {@code --name=value}; anything else is a usage error. */
final class Flags {
    static final Set<String> KNOWN = Set.of("port", "host", "models-dir", "device");

    private Flags() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new InvalidParameterException("arguments", "unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new InvalidParameterException(name, "needs a value");
            }
            if (!KNOWN.contains(name)) {
                throw new InvalidParameterException(name, "unknown option; use one of --port, --host, --models-dir, --device");
            }
            flags.put(name, value);
        }
        return flags;
    }

    static int integer(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be an integer, got '" + text + "'");
        }
    }
}
