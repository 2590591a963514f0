package io.rvc4j.adapter.cli;

import io.rvc4j.core.port.in.StageListener;
import java.io.PrintWriter;

/**
 * A one-line progress bar on the error stream: {@code [2/5] ██████░░░░ name: stage}. Redrawn in place (carriage
 * return and ANSI "erase line") when {@code redraw}, else one line per stage, so logs and pipes stay readable. Silent
 * with {@code --quiet}. Which of the two {@link ProgressOptions} decides.
 */
final class Progress {
    /** {@code --progress}: when to redraw in place. */
    enum Mode { AUTO, ALWAYS, NEVER }

    /** Carriage return, then ANSI EL2 (erase the whole line). */
    static final String REDRAW = "\r\033[2K";
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean redraw;
    private final int total;
    private int done;

    Progress(PrintWriter err, boolean quiet, boolean redraw, int total) {
        this.err = err;
        this.quiet = quiet;
        this.redraw = redraw;
        this.total = Math.max(1, total);
    }

    /** Shows that work on {@code item} has reached {@code stage}. */
    void step(String item, String stage) {
        if (quiet) {
            return;
        }
        int filled = WIDTH * done / total;
        String bar = "█".repeat(filled) + "░".repeat(WIDTH - filled);
        String line = String.format("[%d/%d] %s %s: %s", Math.min(done + 1, total), total, bar, item, stage);
        if (redraw) {
            err.print(REDRAW + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** A listener that shows a use case's stages as steps of {@code item}. */
    StageListener stages(String item) {
        return stage -> step(item, stage.label());
    }

    /**
     * Prints a result line on {@code out} (standard output) while a bar may be showing: a redrawn bar is erased first,
     * else the line would be appended to it on a terminal where both streams meet; the next step draws it again.
     */
    void message(PrintWriter out, String line) {
        if (!quiet && redraw) {
            err.print(REDRAW);
            err.flush();
        }
        out.println(line);
        out.flush();
    }

    /** Marks one item finished. */
    void advance() {
        done++;
    }

    /** Ends the bar and leaves nothing behind (the command prints its own result). */
    void clear() {
        if (!quiet && redraw) {
            err.print(REDRAW);
            err.flush();
        }
    }

    /** Ends the bar with a summary line. */
    void finish(String summary) {
        if (quiet) {
            return;
        }
        if (redraw) {
            err.print(REDRAW);
        }
        err.println(summary);
        err.flush();
    }
}
