package io.maskstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code maskstudio} command line. Exit codes: 0 ok, 1 error (bad file, bad data), 2 usage,
 * 3 training diverged. Errors are one line on stderr naming the file and what was wrong, never a stack trace.
 */
@Command(name = "maskstudio", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Design and train neural networks with custom sparse connectivity.%n"
                + "With no command (or a graph file as the only argument) the desktop app opens.",
        subcommands = {TrainCommand.class, InspectCommand.class, ConvertCommand.class, RenderCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class MaskStudioCommand implements Runnable {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int DIVERGED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train, inspect, convert, render, bench (see --help)");
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs the CLI with the given streams (tests capture them). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new MaskStudioCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException c) {
                err.println("error: " + c.getMessage());
                return c.exitCode();
            }
            err.println("error: " + ex);
            return ERROR;
        });
        return cl.execute(args);
    }
}
