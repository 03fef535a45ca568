package io.maskstudio.cli;

import io.maskstudio.data.Datasets;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.SessionLoader;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.sparse.LotteryBranch;
import io.maskstudio.engine.sparse.LotteryTickets;
import io.maskstudio.io.GraphExtras;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining.Scope;
import io.maskstudio.render.LotteryChart;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lottery's levels: level 0 trains the graph (saving the rewind point), each later level prunes the previous
 * ticket, trains the rewound ticket and, with controls, the reinit and random-mask branches. All branches share one
 * split and standardization and the run's seed, so they see the same data in the same order.
 */
final class LotteryRun {
    private final NetworkDesign design;
    private final GraphExtras extras;
    private final Datasets.DataWithTest data;
    private final RunManifest.Dataset origin;
    private final LotteryManifest manifest;
    private final Scope scope;
    private final Path out;
    private final long snapshotBudgetBytes;
    private final PrintWriter progress;
    private final PrintWriter messages;
    private final long startNanos = System.nanoTime();
    private int trainingsDone;

    LotteryRun(NetworkDesign design, GraphExtras extras, Datasets.DataWithTest data, RunManifest.Dataset origin, LotteryManifest manifest, Scope scope,
               Path out, long snapshotBudgetBytes, PrintWriter progress, PrintWriter messages) {
        this.design = design;
        this.extras = extras;
        this.data = data;
        this.origin = origin;
        this.manifest = manifest;
        this.scope = scope;
        this.out = out;
        this.snapshotBudgetBytes = snapshotBudgetBytes;
        this.progress = progress;
        this.messages = messages;
    }

    int execute() throws IOException {
        manifest.write(out);
        SessionLoader.PreparedData prepared = SessionLoader.PreparedData.of(data, design.settings());
        LotteryTickets tickets = new LotteryTickets(design, manifest.rate(), scope, design.settings().seed());
        LotteryLevels levels = new LotteryLevels(out);
        long cells = 0;
        for (Mask m : design.masks()) cells += (long) m.rows() * m.cols();
        boolean diverged = false;
        MaskedNetwork lastTicket = null;
        for (int level = 0; level <= manifest.levels(); level++) {
            if (level > 0) tickets.pruneNext(lastTicket);
            Map<LotteryBranch, LotteryBranchRun.Result> results = new EnumMap<>(LotteryBranch.class);
            for (LotteryBranch branch : LotteryBranch.values()) {
                if (branch != LotteryBranch.TICKET && (level == 0 || !manifest.controls())) continue;
                NetworkDesign d = design.copy();
                List<Mask> masks = tickets.masks(branch);
                for (int k = 0; k < masks.size(); k++) d.setMask(k, masks.get(k));
                TrainingSession session = prepared.session(d);
                if (level == 0 && manifest.rewindEpoch() == 0) tickets.saveRewindPoint(session.network());
                if (level > 0) tickets.start(branch, session.network());
                boolean first = level == 0;
                LotteryBranchRun.Result r = new LotteryBranchRun(d, extras, origin, snapshotBudgetBytes, messages).train(session,
                        out.resolve("level-" + level).resolve(branch.id()), branch.methodId(), detail(level), "level " + level + " " + branch.id(),
                        e -> {
                            if (first && e == manifest.rewindEpoch()) tickets.saveRewindPoint(session.network());
                        });
                if (r.divergence() != null) {
                    diverged = true;
                    messages.println("warning: level " + level + " " + branch.id() + " diverged: " + r.divergence());
                }
                if (level == 0 && tickets.rewindPoint() == null) {
                    throw new CliException("level 0 ended before epoch " + manifest.rewindEpoch() + ": nothing to rewind to");
                }
                if (branch == LotteryBranch.TICKET) lastTicket = session.network();
                results.put(branch, r);
                trainingsDone++;
                printProgress(level, branch, r, (double) r.connections() / cells);
            }
            LotteryBranchRun.Result t = results.get(LotteryBranch.TICKET);
            levels.add(new LotteryLevels.Row(level, (double) t.connections() / cells, t.valAccuracy(), t.testAccuracy(),
                    valAccuracy(results.get(LotteryBranch.REINIT)), valAccuracy(results.get(LotteryBranch.RANDOM_MASK))));
        }
        writeChart(levels.rows());
        progress.println(String.format(Locale.ROOT, "done: %d trainings in %s; %s", trainingsDone, duration(elapsedSeconds()),
                out.resolve(LotteryLevels.FILE)));
        progress.flush();
        return diverged ? MaskStudioCommand.DIVERGED : MaskStudioCommand.OK;
    }

    /** DIR/accuracy-vs-density.png and .svg; a chart that cannot be drawn is a warning, the numbers are in levels.csv. */
    private void writeChart(List<LotteryLevels.Row> rows) {
        double[] density = new double[rows.size()], ticket = new double[rows.size()], reinit = new double[rows.size()], random = new double[rows.size()];
        for (int l = 0; l < rows.size(); l++) {
            density[l] = rows.get(l).density();
            ticket[l] = rows.get(l).valAccuracy();
            reinit[l] = rows.get(l).reinitValAccuracy();
            random[l] = rows.get(l).randomMaskValAccuracy();
        }
        try {
            LotteryChart.write(LotteryChart.of(density, List.of("ticket (rewound)", "reinit", "random mask"), List.of(ticket, reinit, random)), out,
                    "accuracy-vs-density");
        } catch (IOException | RuntimeException e) {
            messages.println("warning: " + out + ": cannot draw the chart: " + e.getMessage());
        }
    }

    private String detail(int level) {
        return String.format(Locale.ROOT, "level %d of %d, rate %s per level (%s), rewind to %s", level, manifest.levels(), manifest.rate(), scope.id(),
                manifest.rewindEpoch() == 0 ? "initialization" : "epoch " + manifest.rewindEpoch());
    }

    private static double valAccuracy(LotteryBranchRun.Result r) {
        return r == null ? Double.NaN : r.valAccuracy();
    }

    private int trainings() {
        return 1 + manifest.levels() * (manifest.controls() ? LotteryBranch.values().length : 1);
    }

    /** One line per training, with the time the rest will take at the mean pace so far. */
    private void printProgress(int level, LotteryBranch branch, LotteryBranchRun.Result r, double density) {
        double elapsed = elapsedSeconds();
        int left = trainings() - trainingsDone;
        progress.println(String.format(Locale.ROOT, "level %d/%d %-11s density %.4f  val_acc %.4f  %.1fs  [%d/%d, ETA %s]",
                level, manifest.levels(), branch.id(),
                density, r.valAccuracy(), r.seconds(), trainingsDone, trainings(), duration(elapsed / trainingsDone * left)));
        progress.flush();
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
