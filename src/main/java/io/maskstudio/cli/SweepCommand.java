package io.maskstudio.cli;

import io.maskstudio.model.Generator.Param;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.render.DensityChart;
import io.maskstudio.runs.SweepCell;
import io.maskstudio.runs.SweepLayout;
import io.maskstudio.runs.SweepPlan;
import io.maskstudio.runs.SweepResult;
import io.maskstudio.runs.SweepResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

@Command(name = "sweep", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        description = {"Trains every method at every density with seeds 1..N, one run folder per cell, then writes",
                "DIR/results.csv and DIR/accuracy-vs-density.png/.svg (mean over seeds, min-max band, log density axis,",
                "the dense mean as a reference line). Density 1 is dense. For gmp a cell's density is its TARGET:",
                "it starts dense and prunes to it. The same command again resumes: finished cells are kept,",
                "unfinished ones trained again from scratch; a different plan in DIR is refused.",
                "",
                "  sweep GRAPH --methods M,.. --densities D,.. --seeds N --out DIR   train here (--jobs J: J at once)",
                "  sweep GRAPH ... --out DIR --emit slurm SCRIPTDIR   write DIR/sweep.json and a Slurm job array",
                "  sweep --cell K DIR                                 train cell K of the plan in DIR",
                "  sweep --collect DIR                                merge the finished cells (docs/slurm.md)",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every cell finished", "1:a cell failed, or (--collect) cells are missing", "2:bad usage",
                "3:(--cell) the cell's training diverged"})
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "GRAPH|DIR", description = "graph file (*.graph.json); with --cell or --collect the sweep folder")
    Path target;

    @Option(names = "--methods", paramLabel = "M[,M...]", split = ",", hideParamSyntax = true, description = "sparse methods: static, set, rigl, gmp")
    List<String> methods = new ArrayList<>();

    @Option(names = "--densities", paramLabel = "D[,D...]", split = ",", hideParamSyntax = true, description = "network densities (0.05 or 5%%); 1 is dense")
    List<String> densities = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "seeds 1..N per method and density (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--epochs", paramLabel = "N") Integer epochs;

    @Option(names = "--dataset", paramLabel = "NAME|FILE", description = "as train's --dataset; default: the graph's") String dataset;

    @Option(names = "--test", paramLabel = "FILE", description = "held-out test set, as train's --test (results.csv's test_accuracy)") String test;

    @Option(names = "--allocation", paramLabel = "uniform|erk", defaultValue = "erk",
            description = "how a density is shared among the pairs (default: ${DEFAULT-VALUE})")
    String allocation;

    @Option(names = "--jobs", paramLabel = "J",
            description = {"cells trained at once, each in its own JVM (default 1: one after another in this one);",
                    "with --emit slurm: at most J array tasks at once"})
    Integer jobs;

    @Option(names = "--update-every", paramLabel = "N", description = "as train's") Long updateEvery;
    @Option(names = "--drop-fraction", paramLabel = "Z", description = "as train's") Double dropFraction;
    @Option(names = "--update-end", paramLabel = "F", description = "as train's") Double updateEnd;
    @Option(names = "--target-density", paramLabel = "D", description = "refused: a gmp cell's target is its density (--densities)") Double targetDensity;
    @Option(names = "--prune-start", paramLabel = "E", description = "as train's") Integer pruneStart;
    @Option(names = "--prune-end", paramLabel = "E", description = "as train's") Integer pruneEnd;
    @Option(names = "--scope", paramLabel = "pair|global", description = "as train's") String scope;

    @Option(names = "--out", paramLabel = "DIR", description = "the sweep folder (sweep.json, cells/, logs/, results.csv, the chart)")
    Path out;

    @Option(names = "--emit", arity = "2", paramLabel = "slurm SCRIPTDIR", hideParamSyntax = true,
            description = "write the plan and SCRIPTDIR/" + SweepSlurmScript.FILE_NAME + " (a Slurm job array, one task per cell) instead of training")
    List<String> emit;

    @Option(names = "--cell", paramLabel = "K", description = "train cell K (0-based) of the plan in DIR and nothing else")
    Integer cell;

    @Option(names = "--collect", description = "merge the finished cells of DIR into results.csv and the chart; names the missing ones")
    boolean collect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (cell != null && collect) throw usage("--cell and --collect: give one of them");
        if (cell != null || collect) {
            if (target == null) throw usage((collect ? "--collect" : "--cell") + ": give the sweep folder DIR");
            if (!methods.isEmpty() || !densities.isEmpty() || out != null || emit != null) {
                throw usage((collect ? "--collect" : "--cell") + " DIR takes the plan from DIR/" + SweepLayout.PLAN_JSON
                        + ": no GRAPH, --methods, --densities or --out");
            }
            SweepPlan plan = SweepPlanJson.read(target.resolve(SweepLayout.PLAN_JSON));
            return collect ? collect(target, plan) : runCell(target, plan, cell);
        }
        if (target == null) throw usage("missing GRAPH (or --cell K DIR, --collect DIR)");
        if (out == null) throw usage("missing --out DIR: the sweep folder");
        SweepPlan plan = plan();
        if (emit != null) return emitSlurm(plan);
        adopt(plan);
        return runAll(plan);
    }

    /** The plan the options describe; every value is checked here, before any cell trains. */
    SweepPlan plan() {
        if (methods.isEmpty()) throw usage("missing --methods, e.g. --methods static,set,rigl");
        if (densities.isEmpty()) throw usage("missing --densities, e.g. --densities 0.02,0.1,1");
        if (seeds < 1) throw usage("--seeds: expected at least 1, was " + seeds);
        if (jobs != null && jobs < 1) throw usage("--jobs: expected at least 1, was " + jobs);
        if (epochs != null && epochs < 1) throw usage("--epochs: expected at least 1, was " + epochs);
        if (targetDensity != null) throw usage("--target-density: in a sweep a gmp cell prunes from dense to its own density; list the targets in --densities");
        List<String> ms = new ArrayList<>();
        for (String m : methods) {
            String id = m.trim().toLowerCase(Locale.ROOT);
            if (SparseTraining.Method.byId(id).isEmpty()) {
                throw usage("--methods: expected " + String.join(", ", SparseTraining.Method.ids()) + ", was '" + m + "'");
            }
            ms.add(id);
        }
        List<Double> ds = new ArrayList<>();
        for (String d : densities) {
            try {
                double v = Param.DENSITY.parse(d);
                if (!(v > 0)) throw new IllegalArgumentException("a density must be above 0");
                ds.add(v);
            } catch (IllegalArgumentException e) {
                throw usage("--densities " + d + ": " + e.getMessage());
            }
        }
        SparseOptions.allocation(allocation);
        // The method options are checked the way train checks them, so a bad value fails now and not in every cell
        SparseOptions.sparse(SparseTraining.STATIC, null, updateEvery, dropFraction, updateEnd, null, pruneStart, pruneEnd, scope);
        try {
            return new SweepPlan(target.toString(), ms, ds, seeds, epochs, dataset, allocation.trim().toLowerCase(Locale.ROOT), test, trainOptions());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private List<String> trainOptions() {
        List<String> o = new ArrayList<>();
        if (updateEvery != null) o.addAll(List.of("--update-every", String.valueOf(updateEvery)));
        if (dropFraction != null) o.addAll(List.of("--drop-fraction", String.valueOf(dropFraction)));
        if (updateEnd != null) o.addAll(List.of("--update-end", String.valueOf(updateEnd)));
        if (pruneStart != null) o.addAll(List.of("--prune-start", String.valueOf(pruneStart)));
        if (pruneEnd != null) o.addAll(List.of("--prune-end", String.valueOf(pruneEnd)));
        if (scope != null) o.addAll(List.of("--scope", scope.trim().toLowerCase(Locale.ROOT)));
        return o;
    }

    /**
     * Makes {@code out} this plan's sweep folder: a new or empty folder gets sweep.json; one holding the same plan is
     * resumed; a different plan, or a folder with other things in it, is refused before anything is touched.
     */
    private void adopt(SweepPlan plan) {
        Path json = out.resolve(SweepLayout.PLAN_JSON);
        if (Files.exists(json)) {
            SweepPlan existing = SweepPlanJson.read(json);
            List<String> diff = existing.differences(plan);
            if (!diff.isEmpty()) {
                throw usage(out + " holds a different sweep (" + String.join("; ", diff) + ", as " + json + " vs this command);"
                        + " give another --out, or delete " + out + " to start over");
            }
            return;
        }
        if (Files.isDirectory(out) && !isEmpty(out)) {
            throw usage(out + " is not empty and has no " + SweepLayout.PLAN_JSON + ": not a sweep folder; give a new or empty --out");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) throw usage(out + " is a file; --out needs a folder");
        try {
            Files.createDirectories(out.resolve(SweepLayout.LOGS));
            SweepPlanJson.write(json, plan);
        } catch (IOException e) {
            throw new CliException(json + ": cannot write: " + e.getMessage(), e);
        }
    }

    private int runAll(SweepPlan plan) {
        PrintWriter msg = spec.commandLine().getErr();
        List<SweepCell> todo = new ArrayList<>();
        for (SweepCell c : plan.cells()) if (!SweepResult.isFinished(out.resolve(c.dir()))) todo.add(c);
        int kept = plan.cellCount() - todo.size();
        int parallel = jobs == null ? 1 : Math.min(jobs, Math.max(1, todo.size()));
        if (kept > 0) msg.printf(Locale.ROOT, "resuming %s: %d of %d cells finished earlier, kept; %d to train%n", out, kept, plan.cellCount(), todo.size());
        else msg.printf(Locale.ROOT, "sweep %s: %d cells, %d at once%n", out, todo.size(), parallel);
        msg.flush();
        SweepCellRunner runner = new SweepCellRunner(out, plan);
        SweepProgress progress = new SweepProgress(todo.size(), parallel, msg);
        List<SweepCell> failed = new ArrayList<>();
        if (parallel == 1) {
            for (SweepCell c : todo) finish(c, runner.runLogged(c), progress, failed, runner);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (SweepCell c : todo) running.add(pool.submit(() -> {
                    finish(c, runner.runChild(c), progress, failed, runner);
                    return null;
                }));
                for (Future<?> f : running) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted; the cells that finished are kept, run the same command to resume", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof CliException ce ? ce : new CliException("a cell failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        int collected = collect(out, plan);
        if (!failed.isEmpty()) {
            msg.println("error: " + failed.size() + " cells failed (their logs are in " + out.resolve(SweepLayout.LOGS) + "): " + names(failed));
            msg.flush();
            return MaskStudioCommand.ERROR;
        }
        return collected;
    }

    private void finish(SweepCell c, int exit, SweepProgress progress, List<SweepCell> failed, SweepCellRunner runner) {
        SweepResult r;
        try {
            r = SweepResult.read(out, c).orElse(null);
        } catch (IOException e) {
            throw new CliException(out.resolve(c.dir()) + ": cannot read the finished cell: " + e.getMessage(), e);
        }
        boolean ok = r != null && (exit == MaskStudioCommand.OK || exit == MaskStudioCommand.DIVERGED);
        synchronized (failed) {
            if (!ok) failed.add(c);
        }
        progress.cellDone(c, r, ok ? null : "failed (exit " + exit + "; see " + runner.logFile(c) + ")");
    }

    private int runCell(Path dir, SweepPlan plan, int k) {
        if (k < 0 || k >= plan.cellCount()) throw usage("--cell " + k + ": the plan in " + dir + " has cells 0.." + (plan.cellCount() - 1));
        SweepCell c = plan.cells().get(k);
        PrintWriter err = spec.commandLine().getErr();
        if (SweepResult.isFinished(dir.resolve(c.dir()))) {
            err.println("cell " + k + " (" + c.label() + ") already finished in " + dir.resolve(c.dir()) + "; kept");
            err.flush();
            return MaskStudioCommand.OK;
        }
        err.println("cell " + k + " of " + plan.cellCount() + ": " + c.label() + " -> " + dir.resolve(c.dir()));
        err.flush();
        return new SweepCellRunner(dir, plan).runHere(c, spec.commandLine().getOut(), err);
    }

    /** results.csv and the chart from the finished cells; OK when none is missing. */
    private int collect(Path dir, SweepPlan plan) {
        PrintWriter msg = spec.commandLine().getErr();
        SweepResults results;
        try {
            results = SweepResults.collect(dir, plan);
            results.writeCsv(dir.resolve(SweepLayout.RESULTS_CSV));
            DensityChart chart = chart(plan, results);
            chart.write(dir.resolve(SweepLayout.CHART_PNG), 900, 560);
            chart.write(dir.resolve(SweepLayout.CHART_SVG), 900, 560);
        } catch (IOException e) {
            throw new CliException(dir + ": cannot write the results: " + e.getMessage(), e);
        }
        msg.printf(Locale.ROOT, "results: %s (%d of %d cells), %s and %s%n", dir.resolve(SweepLayout.RESULTS_CSV), results.finished().size(),
                plan.cellCount(), dir.resolve(SweepLayout.CHART_PNG), dir.resolve(SweepLayout.CHART_SVG));
        if (!results.missing().isEmpty()) {
            msg.println("missing " + results.missing().size() + " cells (not finished): " + names(results.missing()));
            msg.flush();
            return MaskStudioCommand.ERROR;
        }
        msg.flush();
        return MaskStudioCommand.OK;
    }

    /** Validation accuracy per method; the reference is the mean of every dense (density 1) cell, whatever its method. */
    static DensityChart chart(SweepPlan plan, SweepResults results) {
        String name = Path.of(plan.graph()).getFileName().toString().replaceFirst("\\.graph\\.json$", "");
        DensityChart chart = new DensityChart("Validation accuracy vs density: " + name + " (" + plan.seeds() + " seeds, min-max band)",
                "density (share of connections, log scale)", "validation accuracy");
        double denseSum = 0;
        int dense = 0;
        for (SweepResult r : results.finished()) {
            chart.add(r.cell().method(), r.cell().density(), r.valAccuracy());
            if (r.cell().density() == 1.0 && Double.isFinite(r.valAccuracy())) {
                denseSum += r.valAccuracy();
                dense++;
            }
        }
        if (dense > 0) chart.reference(String.format(Locale.ROOT, "dense mean %.4f", denseSum / dense), denseSum / dense);
        return chart;
    }

    private int emitSlurm(SweepPlan plan) {
        if (!"slurm".equalsIgnoreCase(emit.get(0))) throw usage("--emit: the only target is slurm, was '" + emit.get(0) + "'");
        Path scriptDir = Path.of(emit.get(1));
        adopt(plan);
        Path script = scriptDir.resolve(SweepSlurmScript.FILE_NAME);
        try {
            Files.createDirectories(scriptDir);
            Files.writeString(script, SweepSlurmScript.text(plan, out, Path.of("").toAbsolutePath(), SweepSlurmScript.thisCommand(), jobs == null ? 0 : jobs));
            script.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new CliException(script + ": cannot write: " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s (%d cells) and %s%n", out.resolve(SweepLayout.PLAN_JSON), plan.cellCount(), script);
        o.println("submit:  sbatch " + script);
        o.println("then:    maskstudio sweep --collect " + out + "   (results.csv, the chart, and which cells are missing)");
        o.flush();
        return MaskStudioCommand.OK;
    }

    private static String names(List<SweepCell> cells) {
        StringBuilder sb = new StringBuilder();
        for (SweepCell c : cells) sb.append(sb.length() == 0 ? "" : ", ").append(c.cell()).append(" (").append(c.label()).append(')');
        return sb.toString();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new CliException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static CliException usage(String message) {
        return new CliException(message, MaskStudioCommand.USAGE);
    }
}
