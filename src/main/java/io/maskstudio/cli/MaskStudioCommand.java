package io.maskstudio.cli;

/** Placeholder until the CLI lands. */
public final class MaskStudioCommand {
    private MaskStudioCommand() {}

    public static int run(String[] args) {
        System.err.println("maskstudio: command line not yet available");
        return 2;
    }
}
