package io.maskstudio.ui;

import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunGroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code java -jar maskstudio.jar [FILE.graph.json | RUNDIR] [--train]} asks for: a graph to open (and maybe
 * train at once), or a run folder to show in the Training tab. A folder counts as a run folder when it holds run.json
 * or metrics.csv; a sweep or lottery folder (sweep.json, lottery.json) opens as a group of runs; any other argument
 * is taken for a graph file (opening it says what is wrong with it).
 *
 * @param graph  null: the bundled sample
 * @param runDir null unless a run folder was given
 */
record LaunchArgs(Path graph, Path runDir, boolean train) {
    static LaunchArgs parse(List<String> args) {
        boolean train = args.contains(App.TRAIN_FLAG);
        Path first = args.stream().filter(a -> !a.equals(App.TRAIN_FLAG)).findFirst().map(Path::of).orElse(null);
        if (first != null && Files.isDirectory(first) && (RunFolder.isRunFolder(first) || RunGroup.isGroup(first))) return new LaunchArgs(null, first, train);
        return new LaunchArgs(first, null, train);
    }
}
