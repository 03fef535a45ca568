package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.runs.ModelFiles;

/**
 * Passes a trainer's observer calls on, keeping what a model export of any of the run's epochs needs besides its
 * snapshot: the session's standardization and validation set (read once, when the session exists).
 */
final class ExportDataObserver implements TrainingObserver {
    private final TrainingObserver next;
    /** Written on the trainer's thread, read on the FX thread. */
    private volatile ModelFiles.ExportData data;

    ExportDataObserver(TrainingObserver next) {
        this.next = next;
    }

    /** Null until the run's session exists (the data is still loading). */
    ModelFiles.ExportData data() {
        return data;
    }

    @Override
    public void started(TrainingSession session) {
        try {
            data = ModelFiles.ExportData.of(session);
        } finally {
            next.started(session);
        }
    }

    @Override
    public void batch(int epoch, long step, MaskedNetwork.BatchResult result) {
        next.batch(epoch, step, result);
    }

    @Override
    public void epoch(EpochMetrics metrics, TrainingSnapshot snapshot) {
        next.epoch(metrics, snapshot);
    }

    @Override
    public void event(TrainingEvent kind, String detail, int epoch, long step) {
        next.event(kind, detail, epoch, step);
    }

    @Override
    public void ended(Trainer.State state, String message, TrainingSnapshot last) {
        next.ended(state, message, last);
    }
}
