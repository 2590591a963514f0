package io.rvc4j.adapter.cli;

import picocli.CommandLine;

/** Entry point of {@code bin/rvc}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RvcCommand.commandLine().execute(args));
    }
}
