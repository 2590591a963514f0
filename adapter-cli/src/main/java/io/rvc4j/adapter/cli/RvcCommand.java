package io.rvc4j.adapter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code rvc} command. */
@Command(name = "rvc", mixinStandardHelpOptions = true, version = "rvc4j 0.1.0-SNAPSHOT",
        description = "RVC voice conversion and AI covers on the JVM.")
final class RvcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static CommandLine commandLine() {
        return new CommandLine(new RvcCommand());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
