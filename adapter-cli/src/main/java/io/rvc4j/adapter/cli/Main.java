package io.rvc4j.adapter.cli;


/** Entry point of {@code bin/rvc}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RvcCommand.commandLine(EngineFactory.DEFAULT).execute(args));
    }
}
