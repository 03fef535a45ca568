package io.maskstudio.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch snapshots for the scrubber, bounded: past {@code capacity} the older half is thinned to
 * every other epoch, so a long run keeps an even coverage instead of only its tail. Thread-safe.
 */
public final class TrainingHistory {
    private final int capacity;
    private final List<TrainingSnapshot> snapshots = new ArrayList<>();
    private long version;

    public TrainingHistory(int capacity) {
        if (capacity < 4) throw new IllegalArgumentException("capacity must be at least 4");
        this.capacity = capacity;
    }

    public synchronized void add(TrainingSnapshot s) {
        snapshots.add(s);
        if (snapshots.size() > capacity) {
            int half = snapshots.size() / 2;
            List<TrainingSnapshot> kept = new ArrayList<>();
            for (int k = 0; k < half; k += 2) kept.add(snapshots.get(k));
            kept.addAll(snapshots.subList(half, snapshots.size()));
            snapshots.clear();
            snapshots.addAll(kept);
        }
        version++;
    }

    public synchronized List<TrainingSnapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    public synchronized TrainingSnapshot latest() {
        return snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
    }

    /** Grows with every change: the UI redraws only when it differs from what it drew. */
    public synchronized long version() {
        return version;
    }

    public synchronized void clear() {
        snapshots.clear();
        version++;
    }
}
