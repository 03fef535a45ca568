package io.maskstudio.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Magnitude pruning during training: at the end of epoch E, after its last batch and before its metrics are
 * recorded, remove the fraction F of each layer's present connections with the smallest |w|. Written
 * {@code F@E[,E...]}: {@code 0.5@3,6} prunes half at epochs 3 and 6, {@code 0.5@3,0.25@6} a half then a quarter;
 * a bare epoch takes the fraction before it. The CLI's {@code --prune}, the graph file's
 * {@code training.pruneSchedule} and the Training tab's settings all read and write this one form.
 */
public final class PruneSchedule {
    /** No pruning. */
    public static final PruneSchedule NONE = new PruneSchedule(new TreeMap<>());
    /** What a schedule looks like, for messages. */
    public static final String FORM = "F@E[,E...] with 0 < F < 1 and E >= 1, e.g. 0.5@3,6 or 0.5@3,0.25@6";

    private final SortedMap<Integer, Double> fractionByEpoch;

    private PruneSchedule(SortedMap<Integer, Double> fractionByEpoch) {
        this.fractionByEpoch = Collections.unmodifiableSortedMap(fractionByEpoch);
    }

    /**
     * Parses {@code 0.5@3,6,0.25@9}; blank text is {@link #NONE}. A later entry for the same epoch replaces an
     * earlier one.
     *
     * @throws IllegalArgumentException saying which part is wrong and why (callers add where it came from and {@link #FORM})
     */
    public static PruneSchedule parse(String text) {
        return parse(List.of(text));
    }

    /** Several texts as one schedule (the CLI's repeated {@code --prune}); later ones win for the same epoch. */
    public static PruneSchedule parse(Iterable<String> texts) {
        SortedMap<Integer, Double> map = new TreeMap<>();
        for (String text : texts) {
            if (text.isBlank()) continue;
            Double fraction = null;
            for (String raw : text.split(",", -1)) {
                String item = raw.trim();
                int at = item.indexOf('@');
                String epochText = item;
                if (at >= 0) {
                    fraction = fraction(item.substring(0, at).trim());
                    epochText = item.substring(at + 1).trim();
                } else if (fraction == null) {
                    throw new IllegalArgumentException("'" + item + "' has no fraction F@ before it");
                }
                map.put(epoch(epochText), fraction);
            }
        }
        return map.isEmpty() ? NONE : new PruneSchedule(map);
    }

    private static double fraction(String text) {
        double f;
        try {
            f = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the fraction '" + text + "' is not a number");
        }
        if (!(f > 0 && f < 1)) throw new IllegalArgumentException("the fraction must be between 0 and 1 (exclusive), was " + text);
        return f;
    }

    private static int epoch(String text) {
        int e;
        try {
            e = Integer.parseInt(text);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("the epoch '" + text + "' is not a whole number");
        }
        if (e < 1) throw new IllegalArgumentException("epochs count from 1, was " + e);
        return e;
    }

    public boolean isEmpty() {
        return fractionByEpoch.isEmpty();
    }

    /** The fraction to prune at the end of {@code epoch}, or 0. */
    public double fractionAfter(int epoch) {
        return fractionByEpoch.getOrDefault(epoch, 0.0);
    }

    /** Epoch -> fraction, ascending by epoch. */
    public SortedMap<Integer, Double> fractions() {
        return fractionByEpoch;
    }

    /** {@code 0.5@3,0.5@6}: one F@E per pruning epoch, which {@link #parse(String)} reads back; empty for {@link #NONE}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Integer, Double> e : fractionByEpoch.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ",").append(e.getValue()).append('@').append(e.getKey());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PruneSchedule p && p.fractionByEpoch.equals(fractionByEpoch);
    }

    @Override
    public int hashCode() {
        return fractionByEpoch.hashCode();
    }
}
