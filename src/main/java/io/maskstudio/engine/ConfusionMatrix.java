package io.maskstudio.engine;

/**
 * Counts of (true class, predicted class) pairs over a labelled set: rows are the true class, columns the
 * predicted one. Per-class accuracy is the recall of a class (its row's diagonal share), precision its column's.
 * Immutable.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;

    /** {@code counts} is row-major {@code [classes, classes]}; copied. */
    public ConfusionMatrix(int classes, long[] counts) {
        if (counts.length != (long) classes * classes) {
            throw new IllegalArgumentException("a " + classes + "-class confusion matrix needs " + classes * classes + " counts, got " + counts.length);
        }
        this.classes = classes;
        this.counts = counts.clone();
    }

    /** Tallies the pairs {@code (truth[r], predicted[r])}; both must lie in {@code [0, classes)}. */
    public static ConfusionMatrix of(int classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + predicted.length + " predictions");
        }
        long[] c = new long[classes * classes];
        for (int r = 0; r < truth.length; r++) {
            checkClass(truth[r], classes, "label");
            checkClass(predicted[r], classes, "prediction");
            c[truth[r] * classes + predicted[r]]++;
        }
        return new ConfusionMatrix(classes, c);
    }

    private static void checkClass(int c, int classes, String what) {
        if (c < 0 || c >= classes) throw new IllegalArgumentException(what + " " + c + " outside [0," + classes + ")");
    }

    public int classes() { return classes; }

    /** How many rows of class {@code truth} were predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth * classes + predicted];
    }

    /** How many rows have true class {@code truth}. */
    public long rowTotal(int truth) {
        long s = 0;
        for (int p = 0; p < classes; p++) s += count(truth, p);
        return s;
    }

    /** How many rows were predicted as {@code predicted}. */
    public long columnTotal(int predicted) {
        long s = 0;
        for (int t = 0; t < classes; t++) s += count(t, predicted);
        return s;
    }

    public long total() {
        long s = 0;
        for (long c : counts) s += c;
        return s;
    }

    public long correct() {
        long s = 0;
        for (int k = 0; k < classes; k++) s += count(k, k);
        return s;
    }

    /** Share of all rows predicted correctly; NaN for an empty set. */
    public double accuracy() {
        long n = total();
        return n == 0 ? Double.NaN : (double) correct() / n;
    }

    /** Per-class accuracy: share of class {@code c}'s rows predicted as {@code c}; NaN when the set has none of it. */
    public double recall(int c) {
        long n = rowTotal(c);
        return n == 0 ? Double.NaN : (double) count(c, c) / n;
    }

    /** Share of the rows predicted as {@code c} that are of class {@code c}; NaN when nothing was predicted as {@code c}. */
    public double precision(int c) {
        long n = columnTotal(c);
        return n == 0 ? Double.NaN : (double) count(c, c) / n;
    }
}
