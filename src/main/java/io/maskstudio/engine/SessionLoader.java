package io.maskstudio.engine;

import io.maskstudio.data.DataException;
import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.data.LabelColumn;
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
        Datasets.DataWithTest data;
        try {
            data = Datasets.loadWithTest(s.dataset(), null, s.seed(), LabelColumn.last());
        } catch (DataException e) {
            // The Trainer reports any RuntimeException as FAILED with its message, which the panel shows.
            throw new IllegalStateException(e.getMessage(), e);
        }
        PreparedData prepared = PreparedData.of(data, s);
        return prepared.session(design);
    }

    /**
     * The training and validation rows, standardized, the held-out test set standardized the same way (null when
     * there is none), and the standardizer the exported model needs.
     */
    public record PreparedData(Split split, Dataset test, Standardizer standardizer) {
        /**
         * Splits {@code data} with the settings' validation fraction and seed, then standardizes both parts with
         * the training rows' statistics only, so validation never leaks into the normalization.
         */
        public static PreparedData of(Dataset data, TrainingSettings s) {
            return of(new Datasets.DataWithTest(data, null), s);
        }

        /** As {@link #of(Dataset, TrainingSettings)}; the test set is standardized with the training rows' statistics too. */
        public static PreparedData of(Datasets.DataWithTest data, TrainingSettings s) {
            Split raw = Split.of(data.data(), s.validationFraction(), s.seed());
            Standardizer norm = Standardizer.fit(raw.train());
            return new PreparedData(norm.apply(raw), data.test() == null ? null : norm.apply(data.test()), norm);
        }

        /** The session that trains on this data: its standardizer and test set set. */
        public TrainingSession session(NetworkDesign design) {
            TrainingSession session = new TrainingSession(design, split, design.settings());
            session.setStandardizer(standardizer);
            session.setTest(test);
            return session;
        }
    }
}
