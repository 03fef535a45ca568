package io.maskstudio.engine;

import java.util.List;

/** Immutable state published by the trainer after an epoch: its metrics and copies of every layer. */
public record TrainingSnapshot(EpochMetrics metrics, List<LayerSnapshot> layers) {
    public TrainingSnapshot {
        layers = List.copyOf(layers);
    }

    public int epoch() {
        return metrics.epoch();
    }
}
