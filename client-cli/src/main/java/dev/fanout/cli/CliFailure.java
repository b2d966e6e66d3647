package dev.fanout.cli;

/** A failure the user can act on: printed as one line, the process exits with {@link #exitCode()}. */
public class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
