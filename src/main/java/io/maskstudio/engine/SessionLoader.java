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
 * Builds a run's session the way the CLI does (load, then {@link PreparedData}: split, standardize with the training
 * rows' statistics).
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
        PreparedData prepared = PreparedData.of(data, s);
        TrainingSession session = new TrainingSession(design, prepared.split(), s);
        session.setStandardizer(prepared.standardizer());
        return session;
    }

    /** The training and validation rows, standardized, and the standardizer the exported model needs. */
    public record PreparedData(Split split, Standardizer standardizer) {
        /**
         * Splits {@code data} with the settings' validation fraction and seed, then standardizes both parts with
         * the training rows' statistics only, so validation never leaks into the normalization.
         */
        public static PreparedData of(Dataset data, TrainingSettings s) {
            Split raw = Split.of(data, s.validationFraction(), s.seed());
            Standardizer norm = Standardizer.fit(raw.train());
            return new PreparedData(norm.apply(raw), norm);
        }
    }
}
