package io.maskstudio.ui.training;

import io.maskstudio.data.Dataset;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.runs.RunValidation;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a run's snapshots are evaluated against for the confusion matrix: the network's activations and its validation
 * set, from the live trainer or from a run folder's {@code val.npz}. {@link #load} may block (a folder is read once,
 * on first use) and is called off the FX thread.
 */
public final class ValidationSource {
    private final List<Activation> activations;
    private final Supplier<RunValidation> loader;
    /** A folder's file does not change: read it once. A live split may still be loading: ask again. */
    private final boolean keep;
    private RunValidation loaded;

    private ValidationSource(List<LayerSpec> layers, Supplier<RunValidation> loader, boolean keep) {
        this.activations = layers.stream().skip(1).map(LayerSpec::activation).toList();
        this.loader = loader;
        this.keep = keep;
    }

    /** The running (or last) run: {@code split} gives the trainer's validation split, null while it is loading. */
    public static ValidationSource live(List<LayerSpec> layers, Supplier<Dataset> split) {
        return new ValidationSource(layers, () -> {
            Dataset d = split.get();
            return d == null ? new RunValidation(null, "The validation split is still loading.") : new RunValidation(d, null);
        }, false);
    }

    /** A saved run: its design's layers and the folder's {@code val.npz}, read on first use and then kept. */
    public static ValidationSource runFolder(Path dir, List<LayerSpec> layers) {
        int features = layers.get(0).size();
        int classes = layers.get(layers.size() - 1).size();
        return new ValidationSource(layers, () -> RunValidation.read(dir, features, classes), true);
    }

    /** One activation per layer pair (the design's layers after the input). */
    List<Activation> activations() {
        return activations;
    }

    /** The validation rows, or why there are none; a folder's result is kept, a live split is asked each time. */
    synchronized RunValidation load() {
        if (loaded != null) return loaded;
        RunValidation v = loader.get();
        if (keep) loaded = v;
        return v;
    }
}
