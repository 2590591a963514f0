package io.rvc4j.adapter.cli;

import io.rvc4j.core.error.InvalidAudioException;
import io.rvc4j.core.error.InvalidModelFileException;
import io.rvc4j.core.error.InvalidParameterException;
import io.rvc4j.core.error.ModelNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * The one place where errors become exit codes (DESIGN.md): 0 ok, 2 bad usage or input (a bad flag or value, missing
 * or undecodable audio, a corrupt or unsafe model file), 3 model not found, 1 anything else.
 */
final class ExitCodes implements IExitCodeExceptionMapper, IExecutionExceptionHandler {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int MODEL_NOT_FOUND = 3;

    @Override
    public int getExitCode(Throwable e) {
        if (e instanceof CommandLine.ParameterException || e instanceof InvalidParameterException
                || e instanceof InvalidAudioException || e instanceof InvalidModelFileException
                || e instanceof java.nio.file.NoSuchFileException
                || e instanceof UsageException) {
            return USAGE;
        }
        if (e instanceof ModelNotFoundException) {
            return MODEL_NOT_FOUND;
        }
        return FAILURE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        cmd.getErr().println(cmd.getColorScheme().errorText("rvc: " + message(e)));
        return getExitCode(e);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + m;
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** A usage error found after parsing (e.g. an output path that conflicts with the inputs). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
