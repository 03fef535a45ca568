package io.maskstudio.engine;

import io.maskstudio.data.DataException;
import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.data.Split;
import io.maskstudio.data.Standardizer;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;

import java.util.function.Supplier;

/**
 * Builds a run's session the way the CLI does (load, split, standardize with the training rows' statistics).
 * The Trainer calls it on its own thread: parsing a dataset is far too slow for the FX thread.
 */
public final class SessionLoader implements Supplier<TrainingSession> {
    private final NetworkDesign design;

    /** {@code design} must be a private copy: the trainer thread reads it while the user edits the original. */
    public SessionLoader(NetworkDesign design) {
        this.design = design;
    }

    @Override
    public TrainingSession get() {
        TrainingSettings s = design.settings();
        Dataset data;
        try {
            data = Datasets.load(s.dataset(), s.seed());
        } catch (DataException e) {
            // The Trainer reports any RuntimeException as FAILED with its message, which the panel shows.
            throw new IllegalStateException(e.getMessage(), e);
        }
        Split raw = Split.of(data, s.validationFraction(), s.seed());
        Split split = Standardizer.fit(raw.train()).apply(raw);
        return new TrainingSession(design, split, s);
    }
}
