package io.maskstudio.engine;

/**
 * Told what a {@link Trainer} does, on the trainer's thread, in order: the app's run recorder
 * ({@code io.maskstudio.runs.RecordingObserver}) writes the run folder from these calls. Implementations must return
 * quickly (hand slow work to another thread) and must not keep the session; whatever they throw is logged and
 * otherwise ignored, so an observer can never stop training.
 */
public interface TrainingObserver {
    TrainingObserver NONE = new TrainingObserver() { };

    /** Tells {@code a}, then {@code b} (also when {@code a} threw: one observer's failure must not silence the other). */
    static TrainingObserver both(TrainingObserver a, TrainingObserver b) {
        return new TrainingObserver() {
            @Override
            public void started(TrainingSession session) {
                try {
                    a.started(session);
                } finally {
                    b.started(session);
                }
            }

            @Override
            public void batch(int epoch, long step, MaskedNetwork.BatchResult result) {
                try {
                    a.batch(epoch, step, result);
                } finally {
                    b.batch(epoch, step, result);
                }
            }

            @Override
            public void epoch(EpochMetrics metrics, TrainingSnapshot snapshot) {
                try {
                    a.epoch(metrics, snapshot);
                } finally {
                    b.epoch(metrics, snapshot);
                }
            }

            @Override
            public void event(TrainingEvent kind, String detail, int epoch, long step) {
                try {
                    a.event(kind, detail, epoch, step);
                } finally {
                    b.event(kind, detail, epoch, step);
                }
            }

            @Override
            public void tested(TestMetrics test) {
                try {
                    a.tested(test);
                } finally {
                    b.tested(test);
                }
            }

            @Override
            public void ended(Trainer.State state, String message, TrainingSnapshot last) {
                try {
                    a.ended(state, message, last);
                } finally {
                    b.ended(state, message, last);
                }
            }
        };
    }

    /** The session exists (its network initialized, nothing trained yet). */
    default void started(TrainingSession session) { }

    /** One mini-batch of epoch {@code epoch} (1-based) ended; {@code step} counts batches over the run from 1. */
    default void batch(int epoch, long step, MaskedNetwork.BatchResult result) { }

    /** An epoch ended; {@code snapshot} is the state after it. */
    default void epoch(EpochMetrics metrics, TrainingSnapshot snapshot) { }

    /**
     * Something worth marking on the curves happened ({@link TrainingEvent}: a mask edit, prune, grow, settings change,
     * pause, resume, divergence).
     */
    default void event(TrainingEvent kind, String detail, int epoch, long step) { }

    /**
     * Just before {@link #ended}: the held-out test set's metrics for the weights the run ends with (the last good epoch
     * of a diverged run; the current weights of a stopped one), evaluated once. Not called without a test set or
     * before the first epoch.
     */
    default void tested(TestMetrics test) { }

    /** The run is over: finished, diverged (the network is back at its last good epoch), failed, or stopped (closed). */
    default void ended(Trainer.State state, String message, TrainingSnapshot last) { }
}
