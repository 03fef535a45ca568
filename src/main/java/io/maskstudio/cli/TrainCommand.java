package io.maskstudio.cli;

import io.maskstudio.data.BuiltinDatasets;
import io.maskstudio.data.DataException;
import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.data.IdxFiles;
import io.maskstudio.data.InputFit;
import io.maskstudio.data.LabelColumn;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.OptimizerKind;
import io.maskstudio.model.PruneSchedule;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a masked network and writes everything needed to continue in PyTorch.",
                "DIR is a run folder (see README.md, \"Run folders\"): run.json, metrics.csv, steps.csv, events.csv, layers.csv, snapshots/,",
                "model.npz, model.safetensors, model.json, val.npz, (with a test set) test.npz, load_model.py and trained.graph.json.",
                "With a test set, the last line printed is test_accuracy=<value>."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained", "1:bad file or data", "2:bad usage", "3:training diverged (DIR holds the last good epoch)"})
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GRAPH", description = "graph file (*.graph.json)")
    Path graph;

    @Option(names = "--dataset", paramLabel = "NAME|FILE.csv", description = "built-in dataset (${COMPLETION-CANDIDATES}) or a CSV file; default: the graph's")
    String dataset;

    @Option(names = "--label", paramLabel = "COLUMN", description = "label column of a CSV dataset: header name or 0-based index (default: the last column)")
    String label;

    @Option(names = "--test", paramLabel = "FILE.csv",
            description = {"held-out test set (same rules and label column as --dataset): never trained on nor used to pick the best epoch;",
                    "evaluated once at the end (test_accuracy=<value>, model.json, run.json, test.npz)"})
    String test;

    @Option(names = "--epochs", paramLabel = "N") Integer epochs;
    @Option(names = "--batch", paramLabel = "B") Integer batch;
    @Option(names = "--lr", paramLabel = "X", description = "learning rate") Double lr;
    @Option(names = "--optimizer", paramLabel = "NAME", completionCandidates = OptimizerIds.class,
            description = "${COMPLETION-CANDIDATES}") String optimizer;
    @Option(names = "--weight-decay", paramLabel = "X") Double weightDecay;
    @Option(names = "--seed", paramLabel = "S") Long seed;
    @Option(names = "--val-fraction", paramLabel = "F",
            description = "share of rows held out for validation, in [0, 1); 0 trains on every row (no validation metrics)") Double valFraction;

    @Option(names = "--prune", paramLabel = "F@E[,E...]",
            description = {"at the end of epoch E remove the fraction F of each layer's present connections with the smallest |w|;",
                    "repeatable, e.g. 0.5@3,6 or 0.5@3,0.25@6; replaces the graph's training.pruneSchedule"})
    List<String> prune = new ArrayList<>();

    @Option(names = "--method", paramLabel = "static|set|rigl|gmp",
            description = {"sparse training: static (the masks stay as drawn), set (drop weakest |w|, regrow at random; Mocanu et al. 2018),",
                    "rigl (drop weakest |w|, regrow by largest |gradient|, cosine-decaying drop fraction; Evci et al. 2020),",
                    "gmp (gradual magnitude pruning to --target-density; Zhu & Gupta 2017); default: the graph's training.sparse or static"})
    String method;

    @Option(names = "--density", paramLabel = "D",
            description = {"first give every pair a random mask, the network's density D (0.05 or 5%%) shared by --allocation;",
                    "without it the graph's own masks are the starting point"})
    String density;

    @Option(names = "--allocation", paramLabel = "uniform|erk", defaultValue = "erk",
            description = "--density: the same density in every pair, or Erdos-Renyi-Kernel (small pairs denser; default: ${DEFAULT-VALUE})")
    String allocation;

    @Option(names = "--update-every", paramLabel = "N", description = "set, rigl, gmp: steps between mask updates (default 100)")
    Long updateEvery;

    @Option(names = "--drop-fraction", paramLabel = "Z", description = "set, rigl: share of each sparse pair's connections replaced at an update (default 0.3)")
    Double dropFraction;

    @Option(names = "--update-end", paramLabel = "F", description = "rigl: share of training after which the mask stops changing (default 0.75)")
    Double updateEnd;

    @Option(names = "--target-density", paramLabel = "D", description = "gmp: the density pruning ends at (default 0.1)")
    Double targetDensity;

    @Option(names = "--prune-start", paramLabel = "E", description = "gmp: the epoch after which pruning starts (default 0: from the first step)")
    Integer pruneStart;

    @Option(names = "--prune-end", paramLabel = "E", description = "gmp: the epoch by whose end the target is reached (default: 3/4 of the epochs)")
    Integer pruneEnd;

    @Option(names = "--scope", paramLabel = "pair|global", description = "gmp: rank each pair's weights alone, or all together (default pair)")
    String scope;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "run", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--snapshot-budget", paramLabel = "MB", defaultValue = "256",
            description = "disk space for DIR/snapshots/ (default: ${DEFAULT-VALUE} MB): epochs are thinned evenly to fit")
    double snapshotBudgetMb;

    @Option(names = "--no-progress", description = "one line per epoch instead of a progress bar")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    /** The CSV file the data came from, as found (possibly next to the graph); null for a built-in set. */
    private String csvFile;
    /** The --test file as found (possibly next to the graph); null without --test. */
    private String testFile;

    @Override
    public Integer call() {
        LoadedGraph loaded = GraphIo.load(graph);
        for (String note : loaded.notes()) spec.commandLine().getErr().println("note: " + graph + ": " + note);
        NetworkDesign design = loaded.design();
        TrainingSettings s = overrides(design.settings());
        design.setSettings(s);
        SparseOptions.randomMasks(design, density, allocation, s.seed(), spec.commandLine().getErr());
        Datasets.DataWithTest loadedData = loadDataset(s);
        Dataset data = loadedData.data();
        checkFits(data, design);
        boolean terminal = !noProgress && System.console() != null;
        if (!(snapshotBudgetMb >= 0) || snapshotBudgetMb > 1e9) {
            throw new CliException("--snapshot-budget " + snapshotBudgetMb + ": expected a size in MB from 0 to 1e9", MaskStudioCommand.USAGE);
        }
        TrainingRun run = new TrainingRun(design, loaded.extras(), loadedData, dataOrigin(data), out,
                (long) (snapshotBudgetMb * 1024 * 1024), terminal ? new BarProgress() : new LineProgress(spec.commandLine().getOut()),
                spec.commandLine().getErr(), spec.commandLine().getOut());
        return run.execute();
    }

    /** run.json's dataset: a built-in set by name; a CSV file by name, path and SHA-256, so a result can be traced to its bytes. */
    private RunManifest.Dataset dataOrigin(Dataset data) {
        try {
            return DatasetOrigin.of(data.name(), csvFile == null ? null : Path.of(csvFile));
        } catch (IOException e) {
            throw new CliException(Path.of(csvFile).toAbsolutePath() + ": cannot read for its checksum: " + e.getMessage(), e);
        }
    }

    private TrainingSettings overrides(TrainingSettings s) {
        try {
            if (dataset != null) s = s.withDataset(dataset);
            if (epochs != null) s = s.withEpochs(epochs);
            if (batch != null) s = s.withBatchSize(batch);
            if (lr != null) s = s.withLearningRate(lr);
            if (optimizer != null) s = s.withOptimizer(OptimizerKind.fromId(optimizer).id());
            if (weightDecay != null) s = s.withWeightDecay(weightDecay);
            if (seed != null) s = s.withSeed(seed);
            if (valFraction != null) s = s.withValidationFraction(valFraction);
            if (!prune.isEmpty()) s = s.withPruneSchedule(pruneSchedule());
            return s.withSparse(SparseOptions.sparse(s.sparse(), method, updateEvery, dropFraction, updateEnd, targetDensity, pruneStart, pruneEnd, scope));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), MaskStudioCommand.USAGE, e);
        }
    }

    /** The --prune options as one schedule; a bad one is named as the user typed it. */
    private PruneSchedule pruneSchedule() {
        for (String spec : prune) {
            try {
                PruneSchedule.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new CliException("--prune " + spec + ": " + e.getMessage() + "; expected " + PruneSchedule.FORM, MaskStudioCommand.USAGE, e);
            }
        }
        return PruneSchedule.parse(prune);
    }

    private LabelColumn labelColumn() {
        if (label == null) return LabelColumn.last();
        try {
            return LabelColumn.atIndex(Integer.parseInt(label.trim()));
        } catch (NumberFormatException e) {
            return LabelColumn.named(label);
        }
    }

    /**
     * A CSV or IDX path is looked up as given, then next to the graph file (so sample graphs can name their data);
     * --test likewise. An IDX folder is not one file, so run.json names it without a checksum.
     */
    private Datasets.DataWithTest loadDataset(TrainingSettings s) {
        String name = s.dataset();
        boolean idx = !BuiltinDatasets.isBuiltin(name) && IdxFiles.isIdxPath(name);
        if (GraphIo.isCsv(name) || idx) {
            name = GraphIo.besideGraph(graph, name);
            if (!idx || Files.isRegularFile(Path.of(name.trim()))) csvFile = name;
        }
        if (test != null) testFile = GraphIo.isCsv(test) ? GraphIo.besideGraph(graph, test) : test;
        try {
            return Datasets.loadWithTest(name, testFile, s.seed(), labelColumn());
        } catch (DataException e) {
            throw new CliException(origin(e, name) + e.getMessage(), e);
        }
    }


    /** The prefix of a data error: none when it starts with the --test file's path, else {@link #datasetOrigin}. */
    private String origin(DataException e, String dataName) {
        if (testFile == null) return datasetOrigin();
        String message = e.getMessage();
        if (message.startsWith(testFile.trim())) return "";
        // A built-in or unknown name given to --test: its message names it, not the training data
        if (message.contains("'" + testFile + "'") && !message.contains("'" + dataName + "'")) return "--test " + test + ": ";
        return datasetOrigin();
    }

    /**
     * Where the dataset name came from: the graph file's training.dataset field, or the --dataset option. A CSV
     * given with --dataset needs no prefix, as its errors start with its path.
     */
    private String datasetOrigin() {
        if (dataset == null) return graph + ": training.dataset: ";
        return csvFile != null ? "" : "--dataset " + dataset + ": ";
    }

    /** The data must fit the design; checked here so the message can name both the data and the graph file. */
    private void checkFits(Dataset data, NetworkDesign design) {
        String source = csvFile != null ? csvFile : "dataset '" + data.name() + "'";
        int inputs = design.layer(0).size();
        if (data.features() != inputs) {
            throw new CliException(source + " has " + InputFit.featuresText(data) + " but the input layer of " + graph
                    + " has " + inputs + " neurons");
        }
        String shape = InputFit.shapeMismatch(data, design.layer(0));
        if (shape != null) throw new CliException(source + ": the input layer of " + graph + shape);
        int outputs = design.layer(design.layerCount() - 1).size();
        if (data.classes() > outputs) {
            throw new CliException(source + " has " + data.classes() + " classes but the output layer of " + graph
                    + " has only " + outputs + " neurons");
        }
    }

}
