package io.maskstudio.cli;

import io.maskstudio.runs.RunLabel;
import io.maskstudio.runs.SweepCell;
import io.maskstudio.runs.SweepCellFolder;
import io.maskstudio.runs.SweepLayout;
import io.maskstudio.runs.SweepPlan;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one cell of a sweep as an ordinary {@code train} run into its folder: in this JVM, or as a child JVM
 * ({@code --jobs}) running {@code sweep --cell K DIR} on the same class path, so J cells train at once without
 * sharing a heap. Either way what the training printed goes to {@code DIR/logs/<cell>.log}.
 */
final class SweepCellRunner {
    /** The variable io.maskstudio.Launcher watches (its LAUNCHER_PID_ENV, not visible from this package). */
    static final String PARENT_PID_ENV = "MASKSTUDIO_LAUNCHER_PID";

    private final Path sweepDir;
    private final SweepPlan plan;

    SweepCellRunner(Path sweepDir, SweepPlan plan) {
        this.sweepDir = sweepDir;
        this.plan = plan;
    }

    /**
     * The {@code train} arguments of a cell. Density 1 gives full masks (dense); for gmp the cell's density is the
     * target it prunes to, from dense.
     */
    static List<String> trainArgs(SweepPlan plan, SweepCell cell, Path sweepDir) {
        List<String> a = new ArrayList<>(List.of("train", plan.graph(), "--method", cell.method()));
        boolean gmp = "gmp".equals(cell.method());
        a.addAll(List.of("--density", gmp ? "1" : SweepCell.densityText(cell.density()), "--allocation", plan.allocation()));
        if (gmp) a.addAll(List.of("--target-density", SweepCell.densityText(cell.density())));
        a.addAll(List.of("--seed", String.valueOf(cell.seed())));
        if (plan.epochs() != null) a.addAll(List.of("--epochs", String.valueOf(plan.epochs())));
        if (plan.dataset() != null) a.addAll(List.of("--dataset", plan.dataset()));
        if (plan.test() != null) a.addAll(List.of("--test", plan.test()));
        a.addAll(plan.trainOptions());
        a.addAll(List.of("--out", sweepDir.resolve(cell.dir()).toString(), "--no-progress"));
        return a;
    }

    /** Trains the cell here, printing what {@code train} prints to the given streams; returns train's exit code. */
    int runHere(SweepCell cell, PrintWriter out, PrintWriter err) {
        prepare(cell);
        int exit = MaskStudioCommand.run(trainArgs(plan, cell, sweepDir).toArray(String[]::new), out, err);
        label(cell);
        return exit;
    }

    /** Trains the cell here with its output in the cell's log file. */
    int runLogged(SweepCell cell) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text, true);
        int exit = runHere(cell, w, w);
        w.flush();
        try {
            Files.writeString(logFile(cell), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(logFile(cell) + ": cannot write: " + e.getMessage(), e);
        }
        return exit;
    }

    /** Trains the cell in a child JVM ({@code sweep --cell K DIR}), its output in the cell's log file. */
    int runChild(SweepCell cell) throws InterruptedException {
        prepare(cell);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // The same heap and system properties (maskstudio.home, the log folder), not the debugger or agent flags
            if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Dmaskstudio.")) cmd.add(arg);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.maskstudio.Launcher",
                "sweep", "--cell", String.valueOf(cell.cell()), sweepDir.toString()));
        File log = logFile(cell).toFile();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
            // Launcher's MASKSTUDIO_LAUNCHER_PID: the child ends when this JVM ends, even when it is killed with SIGKILL
            pb.environment().put(PARENT_PID_ENV, String.valueOf(ProcessHandle.current().pid()));
            Process p = pb.start();
            return p.waitFor();
        } catch (IOException e) {
            throw new CliException("cannot start a JVM for cell " + cell.cell() + ": " + e.getMessage(), e);
        }
    }

    Path logFile(SweepCell cell) {
        return sweepDir.resolve(SweepLayout.LOGS).resolve(Path.of(cell.dir()).getFileName() + ".log");
    }

    private void prepare(SweepCell cell) {
        try {
            SweepCellFolder.clearUnfinished(sweepDir, cell);
            Files.createDirectories(sweepDir.resolve(SweepLayout.LOGS));
        } catch (IOException e) {
            throw new CliException(sweepDir.resolve(cell.dir()) + ": cannot clear the unfinished cell: " + e.getMessage(), e);
        }
    }

    private void label(SweepCell cell) {
        Path dir = sweepDir.resolve(cell.dir());
        if (!Files.isDirectory(dir)) return;
        try {
            RunLabel.write(dir, cell.label());
        } catch (IOException e) {
            throw new CliException(dir + ": cannot write its label: " + e.getMessage(), e);
        }
    }
}
