package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.TrainingSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Every epoch's metrics seen during a run. The trainer's history thins old snapshots to stay bounded;
 * the curves should not lose those epochs, and a few numbers per epoch cost nothing to keep.
 */
final class EpochMetricsLog {
    private final TreeMap<Integer, EpochMetrics> byEpoch = new TreeMap<>();

    /** Adds the epochs not seen yet (epoch 0, the untrained state, has no metrics); true when any was new. */
    boolean addAll(List<TrainingSnapshot> snapshots) {
        boolean added = false;
        for (TrainingSnapshot s : snapshots) {
            if (s.epoch() > 0 && byEpoch.putIfAbsent(s.epoch(), s.metrics()) == null) added = true;
        }
        return added;
    }

    /** In epoch order. */
    List<EpochMetrics> all() {
        return new ArrayList<>(byEpoch.values());
    }

    void clear() {
        byEpoch.clear();
    }
}
