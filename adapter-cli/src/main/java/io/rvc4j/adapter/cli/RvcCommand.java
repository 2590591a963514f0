package io.rvc4j.adapter.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code rvc} command. */
@Command(name = "rvc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "RVC voice conversion and AI covers on the JVM.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure", "2:bad usage or input (unknown flag, out-of-range value, "
                + "missing or undecodable audio)", "3:model not found"})
final class RvcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The full command tree over an engine factory; {@code main} and tests both start here. */
    static CommandLine commandLine(EngineFactory engines) {
        ExitCodes exitCodes = new ExitCodes();
        CommandLine cl = new CommandLine(new RvcCommand())
                .addSubcommand(new CommandLine(new ModelsCommand(engines))
                        .addSubcommand(new ModelsAddCommand())
                        .addSubcommand(new ModelsRemoveCommand()))
                .addSubcommand(new InspectCommand())
                .addSubcommand(new ConvertCommand(engines))
                .addSubcommand(new CoverCommand(engines))
                .addSubcommand(new PitchCommand(engines))
                .addSubcommand(new DemoCommand(engines))
                .addSubcommand(new BenchCommand(engines))
                .addSubcommand(new AutoComplete.GenerateCompletion());
        withVersion(cl, new VersionProvider());
        cl.setExitCodeExceptionMapper(exitCodes);
        cl.setExecutionExceptionHandler(exitCodes);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Every subcommand's {@code --version} prints the same as {@code rvc --version}. */
    private static void withVersion(CommandLine cl, VersionProvider provider) {
        cl.getCommandSpec().versionProvider(provider);
        cl.getSubcommands().values().forEach(sub -> withVersion(sub, provider));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
