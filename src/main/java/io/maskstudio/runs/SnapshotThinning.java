package io.maskstudio.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which epochs keep a snapshot within a byte budget: every {@code stride}-th epoch; when the kept files outgrow the
 * budget the stride doubles and the epochs off the new stride are dropped, so the kept epochs stay evenly spread
 * from the first to the latest.
 * The recorder also coarsens the stride when writing would take a noticeable share of the training time.
 */
final class SnapshotThinning {
    private final long budgetBytes;
    private final TreeMap<Integer, Long> kept = new TreeMap<>();
    private int stride = 1;

    SnapshotThinning(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** True when epoch {@code e} should be written now. */
    synchronized boolean wants(int epoch) {
        return (epoch - 1) % stride == 0;
    }

    /**
     * Records that {@code epoch}'s snapshot of {@code bytes} was written and returns the epochs whose files must now
     * be deleted to stay within the budget (never the final epoch's; a regular one only when the stride grew while
     * it was being written).
     */
    synchronized List<Integer> written(int epoch, long bytes, boolean finalEpoch) {
        kept.put(epoch, bytes);
        List<Integer> drop = new ArrayList<>();
        if (!finalEpoch && (epoch - 1) % stride != 0) {
            // The stride grew while this one was being written: it is off the spacing now.
            kept.remove(epoch);
            drop.add(epoch);
            return drop;
        }
        while (total() > budgetBytes && kept.size() > 1 && stride < Integer.MAX_VALUE / 4) drop.addAll(coarsen(epoch));
        return drop;
    }

    /** Doubles the stride; returns the kept epochs now off it (never {@code keep}), which the caller deletes. */
    synchronized List<Integer> coarsen(int keep) {
        stride *= 2;
        List<Integer> drop = new ArrayList<>();
        for (Integer e : List.copyOf(kept.keySet())) {
            if (e != keep && (e - 1) % stride != 0) {
                kept.remove(e);
                drop.add(e);
            }
        }
        return drop;
    }

    synchronized boolean isKept(int epoch) {
        return kept.containsKey(epoch);
    }

    synchronized List<Integer> keptEpochs() {
        return List.copyOf(kept.keySet());
    }

    private long total() {
        long t = 0;
        for (long b : kept.values()) t += b;
        return t;
    }
}
