package io.maskstudio.cli;

/**
 * A failure the user can act on: its message is printed as is, with its exit code. The cause, when there is
 * one, goes with its stack trace to the log file (and to stderr with --verbose), never into the message line.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public CliException(String message) {
        this(message, MaskStudioCommand.ERROR);
    }

    public CliException(String message, Throwable cause) {
        this(message, MaskStudioCommand.ERROR, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
