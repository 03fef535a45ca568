package io.maskstudio.cli;

import io.maskstudio.data.BuiltinDatasets;
import io.maskstudio.data.DataException;
import io.maskstudio.data.Datasets;
import io.maskstudio.data.IdxFiles;
import io.maskstudio.data.LabelColumn;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.model.TrainingSettings;
import io.maskstudio.runs.DatasetOrigin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "lottery", mixinStandardHelpOptions = true,
        description = {"Searches for lottery tickets (Frankle & Carbin 2019; rewinding:",
                "Frankle et al. 2020). Trains the graph, prunes the fraction P of the",
                "remaining weights with the smallest |w| (each pair alone, or ranked",
                "globally; the output layer at the same rate), rewinds the survivors to",
                "their values at initialization or after epoch K of the first training",
                "(biases too; pruned weights +0.0; fresh optimizer state) and trains",
                "again, L times. With --controls every level also trains the ticket's",
                "mask from a fresh random initialization (reinit) and a random mask with",
                "the ticket's per-pair counts and the rewound values (random-mask).",
                "DIR: levels.csv, lottery.json, accuracy-vs-density.png/.svg and",
                "level-<L>/ticket|reinit|random-mask/ (run folders, as train writes them)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:bad file or data", "2:bad usage", "3:a training diverged (its row holds its last good epoch)"})
final class LotteryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GRAPH", description = "graph file (*.graph.json); its masks are level 0")
    Path graph;

    @Option(names = "--levels", paramLabel = "L", required = true, description = "pruning rounds after the first training")
    int levels;

    @Option(names = "--rate", paramLabel = "P", defaultValue = "0.2",
            description = "share of the remaining weights pruned per level (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--rewind-epoch", paramLabel = "K", defaultValue = "0",
            description = "rewind survivors to their values after epoch K of level 0 (default ${DEFAULT-VALUE}: initialization)")
    int rewindEpoch;

    @Option(names = "--controls", description = "also train the reinit and random-mask controls at every level after 0")
    boolean controls;

    @Option(names = "--scope", paramLabel = "pair|global", defaultValue = "pair",
            description = "prune each pair's weights alone, or rank all of them together (default ${DEFAULT-VALUE})")
    String scope;

    @Option(names = "--dataset", paramLabel = "NAME|FILE", description = "built-in dataset, a CSV file or an IDX folder; default: the graph's")
    String dataset;

    @Option(names = "--test", paramLabel = "FILE.csv", description = "held-out test set, evaluated once at the end of each training")
    String test;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs of every training (default: the graph's)") Integer epochs;
    @Option(names = "--seed", paramLabel = "S", description = "the run's seed (data split and order, level 0's initialization)") Long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
    Path out;

    @Option(names = "--snapshot-budget", paramLabel = "MB", defaultValue = "16",
            description = "disk space for each training's snapshots/ (default: ${DEFAULT-VALUE} MB)")
    double snapshotBudgetMb;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SparseTraining.Scope pruneScope = SparseOptions.scope(scope);
        if (levels < 1 || levels > 100) throw usage("--levels " + levels + ": expected 1 to 100");
        if (!(rate > 0 && rate < 1)) throw usage("--rate " + rate + ": expected a fraction between 0 and 1");
        if (!(snapshotBudgetMb >= 0) || snapshotBudgetMb > 1e9) throw usage("--snapshot-budget " + snapshotBudgetMb + ": expected a size in MB from 0 to 1e9");
        LoadedGraph loaded = GraphIo.load(graph);
        for (String note : loaded.notes()) spec.commandLine().getErr().println("note: " + graph + ": " + note);
        NetworkDesign design = loaded.design();
        TrainingSettings s = settings(design.settings());
        if (rewindEpoch < 0 || rewindEpoch >= s.epochs()) {
            throw usage("--rewind-epoch " + rewindEpoch + ": expected 0 (initialization) to " + (s.epochs() - 1) + ", below the " + s.epochs() + " epochs");
        }
        design.setSettings(s);
        String dataName = s.dataset();
        Path dataFile = null;
        boolean idx = !BuiltinDatasets.isBuiltin(dataName) && IdxFiles.isIdxPath(dataName);
        if (GraphIo.isCsv(dataName) || idx) {
            dataName = GraphIo.besideGraph(graph, dataName);
            if (!idx || Files.isRegularFile(Path.of(dataName.trim()))) dataFile = Path.of(dataName.trim());
        }
        String testFile = test == null ? null : GraphIo.besideGraph(graph, test);
        Datasets.DataWithTest data;
        try {
            data = Datasets.loadWithTest(dataName, testFile, s.seed(), LabelColumn.last());
        } catch (DataException e) {
            throw new CliException((dataset == null ? graph + ": training.dataset: " : "") + e.getMessage(), e);
        }
        LotteryManifest manifest = new LotteryManifest(graph.toString(), levels, rate, rewindEpoch, pruneScope.id(), controls, s.epochs(), dataset);
        try {
            var origin = DatasetOrigin.of(data.data().name(), dataFile);
            return new LotteryRun(design, loaded.extras(), data, origin, manifest, pruneScope, out, (long) (snapshotBudgetMb * 1024 * 1024),
                    spec.commandLine().getOut(), spec.commandLine().getErr()).execute();
        } catch (IOException e) {
            throw new CliException(out + ": " + e.getMessage(), e);
        }
    }

    /** The graph's settings with the options given; every training is static (the lottery alone changes the masks). */
    private TrainingSettings settings(TrainingSettings s) {
        try {
            if (dataset != null) s = s.withDataset(dataset);
            if (epochs != null) s = s.withEpochs(epochs);
            if (seed != null) s = s.withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (!s.sparse().isStatic() || !s.pruneSchedule().isEmpty()) {
            spec.commandLine().getErr().println("note: the graph's sparse method and prune schedule are ignored: the lottery prunes between trainings");
        }
        return s.withSparse(SparseTraining.STATIC).withPruneSchedule(PruneSchedule.NONE);
    }



    private static CliException usage(String message) {
        return new CliException(message, MaskStudioCommand.USAGE);
    }
}
