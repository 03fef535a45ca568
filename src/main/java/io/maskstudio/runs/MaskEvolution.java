package io.maskstudio.runs;

import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.FormatException;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.StateDictKeys;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.FanOutFrames;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The first pair's mask at every kept snapshot of a run, as {@link FanOutFrames}: from snapshots in memory (the
 * Training tab) or from a run folder's snapshot files, reading only pair 0's mask of each (so a large run's weights
 * are never loaded for this view).
 */
public final class MaskEvolution {
    private MaskEvolution() {}

    /** Whether a network of these layers has an image-shaped input to draw fan-outs of. */
    public static boolean drawable(List<LayerSpec> layers) {
        return layers.size() >= 2 && FanOutFrames.drawable(layers.get(0));
    }

    /** The frames of snapshots in memory (epoch order); null when the input has no 2-D shape or there are none. */
    public static FanOutFrames of(List<LayerSpec> layers, List<TrainingSnapshot> snapshots) {
        if (!drawable(layers) || snapshots.isEmpty()) return null;
        List<Integer> epochs = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (TrainingSnapshot s : snapshots) {
            if (s.layers().isEmpty()) continue;
            epochs.add(s.epoch());
            masks.add(s.layers().get(0).mask());
        }
        return masks.isEmpty() ? null : FanOutFrames.of(layers.get(0), epochs, masks);
    }

    /**
     * The frames of a run folder's kept snapshots. A snapshot file without pair 0's mask counts with the design's mask
     * (the recorder always writes it; an older folder may not); an unreadable file is an error naming it.
     */
    public static FanOutFrames read(RunFolder run) throws IOException, FormatException {
        NetworkDesign design = run.design();
        if (design == null) throw new IOException(run.dir() + ": no design (run.json or trained.graph.json) to read the masks against");
        if (!drawable(design.layers())) {
            throw new IOException(run.dir() + ": the input layer " + design.layers().get(0).name() + " has no 2-D shape: no fan-out picture to draw");
        }
        List<Integer> epochs = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        int o = design.mask(0).rows(), i = design.mask(0).cols();
        String key = StateDictKeys.weightMask(0);
        for (int e : run.snapshotEpochs()) {
            Path file = RunLayout.snapshot(run.dir(), e);
            try (Npz npz = Npz.open(file)) {
                Mask m = design.mask(0).copy();
                if (npz.contains(key)) {
                    NpyArray a = npz.get(key);
                    if (a.ndim() != 2 || a.dim(0) != o || a.dim(1) != i) {
                        throw new FormatException(file.toString(), key, "shape [" + o + ", " + i + "]", NpyArray.shapeString(a.shape()));
                    }
                    m = Mask.fromBooleans(o, i, a.toBooleans());
                }
                epochs.add(e);
                masks.add(m);
            }
        }
        if (masks.isEmpty()) throw new IOException(run.dir() + ": no kept snapshots (snapshots/ is empty)");
        return FanOutFrames.of(design.layers().get(0), epochs, masks);
    }
}
