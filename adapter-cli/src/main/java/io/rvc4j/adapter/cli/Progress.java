package io.rvc4j.adapter.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on the error stream, redrawn with carriage returns: {@code [2/5] ██████░░░░ name}. Silent
 * with {@code --quiet}; on a non-terminal it prints one line per step instead of redrawing.
 */
final class Progress {
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final int total;
    private int done;

    Progress(PrintWriter err, boolean quiet, int total) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
        this.total = Math.max(1, total);
    }

    /** Shows that work on {@code item} has started, at stage {@code stage}. */
    void step(String item, String stage) {
        if (quiet) {
            return;
        }
        int filled = WIDTH * done / total;
        String bar = "█".repeat(filled) + "░".repeat(WIDTH - filled);
        String line = String.format("[%d/%d] %s %s: %s", Math.min(done + 1, total), total, bar, item, stage);
        if (terminal) {
            err.print("\r\033[2K" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Marks one item finished. */
    void advance() {
        done++;
    }

    /** Ends the bar with a summary line. */
    void finish(String summary) {
        if (quiet) {
            return;
        }
        if (terminal) {
            err.print("\r\033[2K");
        }
        err.println(summary);
        err.flush();
    }
}
