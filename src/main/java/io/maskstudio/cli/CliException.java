package io.maskstudio.cli;

/** A failure the user can act on: its message is printed as is, with its exit code. */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(String message) {
        this(message, MaskStudioCommand.ERROR);
    }

    public int exitCode() {
        return exitCode;
    }
}
