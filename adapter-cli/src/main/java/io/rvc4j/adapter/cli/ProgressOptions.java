package io.rvc4j.adapter.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code -q/--quiet} and {@code --progress}, on every command that shows progress. */
final class ProgressOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto", converter = ModeConverter.class,
            description = "Redraw the progress bar in place (ANSI): auto (when standard error is a terminal), always, "
                    + "or never (one plain line per stage). Default: ${DEFAULT-VALUE}.")
    Progress.Mode mode = Progress.Mode.AUTO;

    /** A progress display over {@code total} items on {@code err}. */
    Progress start(PrintWriter err, int total) {
        boolean redraw = switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> Terminal.stderrIsTerminal();
        };
        return new Progress(err, quiet, redraw, total);
    }

    /** auto, always or never, in any case (the command tree also allows that, but a mixin must not rely on it). */
    static final class ModeConverter implements ITypeConverter<Progress.Mode> {
        @Override
        public Progress.Mode convert(String value) {
            try {
                return Progress.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected auto, always or never, got '" + value + "'");
            }
        }
    }
}
