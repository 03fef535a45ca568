package io.maskstudio.ui.training;

import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.runs.ModelFiles;

/**
 * Keeps what a model export of any of the run's epochs needs besides its snapshot: the session's standardization and
 * validation set (read once, when the session exists). Composed with the run's other observers by
 * {@link TrainingObserver#both}.
 */
final class ExportDataObserver implements TrainingObserver {
    /** Written on the trainer's thread, read on the FX thread. */
    private volatile ModelFiles.ExportData data;

    /** Null until the run's session exists (the data is still loading). */
    ModelFiles.ExportData data() {
        return data;
    }

    @Override
    public void started(TrainingSession session) {
        data = ModelFiles.ExportData.of(session);
    }
}
