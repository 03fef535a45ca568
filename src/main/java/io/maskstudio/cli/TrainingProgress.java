package io.maskstudio.cli;

import io.maskstudio.engine.EpochMetrics;

/** How a CLI training run reports progress: a bar on a terminal, one line per epoch otherwise. */
interface TrainingProgress extends AutoCloseable {
    void begin(int epochs, int stepsPerEpoch);
    void step();
    void epoch(EpochMetrics m, int epochs, String note);
    @Override void close();
}
