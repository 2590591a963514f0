package io.rvc4j.adapter.cli;

import io.rvc4j.engine.Rvc;
import java.util.Set;


/** Entry point of {@code bin/rvc}. */
public final class Main {
    private Main() {
    }

    /** Commands that load the engine; for them libtorch starts loading while the arguments are parsed. */
    private static final Set<String> ENGINE_COMMANDS = Set.of("convert", "cover", "pitch", "bench", "demo", "models");

    public static void main(String[] args) {
        if (args.length > 0 && ENGINE_COMMANDS.contains(args[0])) {
            Rvc.startEngineInBackground();
        }
        System.exit(RvcCommand.commandLine(EngineFactory.DEFAULT).execute(args));
    }
}
