package io.rvc4j.adapter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether standard error is a terminal, for {@code --progress=auto}. Java has no isatty: {@code System.console()}
 * only says that standard input and output are terminals, which is wrong for {@code rvc convert ... > log} (stderr
 * still a terminal) and {@code rvc convert ... 2> log} (stderr a file). On Linux {@code /proc/self/fd/2} is a link
 * to what stderr writes to: a pseudo-terminal ({@code /dev/pts/N}: terminal emulators, ssh, tmux) or a console
 * ({@code /dev/ttyN}) is a terminal; a pipe ({@code pipe:[N]}), a file or {@code /dev/null} is not. Without
 * {@code /proc} (macOS) it falls back to {@code System.console()} with {@code TERM} set. {@code TERM=dumb} (Emacs
 * shells, some CI consoles) never gets escape codes.
 */
final class Terminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        return decide(System.getenv("TERM"), stderrTarget(), System.console() != null);
    }

    /**
     * @param term the {@code TERM} variable, null when unset
     * @param stderrTarget where {@code /proc/self/fd/2} points, empty where it cannot be read
     * @param console whether {@code System.console()} is non-null
     */
    static boolean decide(String term, Optional<String> stderrTarget, boolean console) {
        if ("dumb".equals(term)) {
            return false;
        }
        if (stderrTarget.isPresent()) {
            String target = stderrTarget.get();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        }
        return console && term != null && !term.isBlank();
    }

    private static Optional<String> stderrTarget() {
        try {
            return Optional.of(Files.readSymbolicLink(STDERR_LINK).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
