package io.maskstudio.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The {@code maskstudio} command line. Exit codes: 0 ok, 1 error (bad file, bad data), 2 usage,
 * 3 training diverged. Errors are one line on stderr naming the file and what was wrong; the stack trace goes to
 * the log file (~/.maskstudio/logs/maskstudio.log), and with --verbose to stderr as well.
 */
@Command(name = "maskstudio", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Design and train neural networks with custom sparse connectivity.%n"
                + "With no command (or a graph file as the only argument) the desktop app opens.",
        subcommands = {TrainCommand.class, SweepCommand.class, LotteryCommand.class, InspectCommand.class, ConvertCommand.class, GenerateCommand.class,
                RenderCommand.class, BenchCommand.class, RunsCommand.class, CommandLine.HelpCommand.class})
public final class MaskStudioCommand implements Runnable {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int DIVERGED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(MaskStudioCommand.class);

    // INHERIT: accepted before or after any subcommand name, and sets this one field either way.
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces and log messages to stderr")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: train, inspect, convert, generate, render, bench, runs, sweep, lottery (see --help)");
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs the CLI with the given streams (tests capture them). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        MaskStudioCommand top = new MaskStudioCommand();
        CommandLine cl = new CommandLine(top);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            if (!top.verbose) return new CommandLine.RunLast().execute(parsed);
            try (VerboseLog copy = VerboseLog.copyTo(err)) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, top.verbose, err));
        return cl.execute(args);
    }

    /** One line for the user; the trace to the log file, and to {@code err} when verbose. */
    private static int report(Exception ex, boolean verbose, PrintWriter err) {
        boolean expected = ex instanceof CliException;
        String line = expected ? ex.getMessage() : "unexpected failure: " + ex;
        LOG.error(line, ex);
        if (!expected && !verbose) {
            Path log = VerboseLog.logFile();
            line += " (a bug; the stack trace is in " + (log != null ? log : "the log file") + ", --verbose prints it)";
        }
        err.println("error: " + line);
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return expected ? ((CliException) ex).exitCode() : ERROR;
    }
}
