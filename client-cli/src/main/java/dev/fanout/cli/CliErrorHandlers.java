package dev.fanout.cli;

import java.io.PrintWriter;

import dev.fanout.cli.support.CliFailure;
import dev.fanout.cli.support.ExitCodes;
import dev.fanout.cli.support.Interruption;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Every error becomes one line on stderr and an exit code from {@link ExitCodes}; never a stack trace. */
final class CliErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("fanout: " + e.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        if (e instanceof ParameterException pe) {
            return handleParseException(pe, parseResult.originalArgs().toArray(String[]::new));
        }
        PrintWriter err = cmd.getErr();
        if (Interruption.requested()) {
            return Interruption.report(err); // the call failed because Ctrl-C cancelled it
        }
        if (e instanceof CliFailure failure) {
            err.println("fanout: " + failure.getMessage());
            err.flush();
            return failure.exitCode();
        }
        // Unexpected: still one line, with the type so a bug report says what broke.
        err.println("fanout: unexpected error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        err.flush();
        return ExitCodes.SOME_FAILED;
    }
}
