package io.maskstudio.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch snapshots for the scrubber, bounded: past {@code capacity} every other snapshot is dropped
 * (the first and the latest always stay), so a long run keeps an even coverage of the whole run
 * instead of only its tail. Thread-safe.
 */
public final class TrainingHistory {
    private final int capacity;
    private final List<TrainingSnapshot> snapshots = new ArrayList<>();
    private final List<Long> ordinals = new ArrayList<>(); // n-th snapshot ever added, per held entry
    private long added;
    private long stride = 1;
    private boolean lastIsTail; // the latest entry is off the stride and gives way to the next one
    private long version;

    public TrainingHistory(int capacity) {
        if (capacity < 4) throw new IllegalArgumentException("capacity must be at least 4");
        this.capacity = capacity;
    }

    public synchronized void add(TrainingSnapshot s) {
        if (lastIsTail) {
            snapshots.remove(snapshots.size() - 1);
            ordinals.remove(ordinals.size() - 1);
        }
        long ordinal = added++;
        snapshots.add(s);
        ordinals.add(ordinal);
        lastIsTail = ordinal % stride != 0;
        while (snapshots.size() > capacity) thin();
        version++;
    }

    /** Doubles the stride: keeps the entries on it, and the latest one. */
    private void thin() {
        stride *= 2;
        List<TrainingSnapshot> keptSnapshots = new ArrayList<>();
        List<Long> keptOrdinals = new ArrayList<>();
        int last = snapshots.size() - 1;
        for (int k = 0; k <= last; k++) {
            if (ordinals.get(k) % stride == 0 || k == last) {
                keptSnapshots.add(snapshots.get(k));
                keptOrdinals.add(ordinals.get(k));
            }
        }
        lastIsTail = ordinals.get(last) % stride != 0;
        snapshots.clear();
        snapshots.addAll(keptSnapshots);
        ordinals.clear();
        ordinals.addAll(keptOrdinals);
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
        ordinals.clear();
        added = 0;
        stride = 1;
        lastIsTail = false;
        version++;
    }
}
