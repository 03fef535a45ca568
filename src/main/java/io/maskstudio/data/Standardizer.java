package io.maskstudio.data;

/**
 * Per-feature standardization {@code (x - mean) / std}, fitted on the training split only so validation
 * data never leaks into the statistics. The std is the population std (as scikit-learn's StandardScaler);
 * one below {@link #MIN_STD} counts as 1, so constant features (MNIST's border pixels) are only centred,
 * not blown up. {@link #mean()} and {@link #std()} are what a model export writes out to reproduce this.
 */
public final class Standardizer {

    public static final double MIN_STD = 1e-6;

    private final float[] mean;
    private final float[] std;

    private Standardizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Statistics of {@code train}'s features; it must have at least one row. */
    public static Standardizer fit(Dataset train) {
        if (train.rows() == 0) throw new IllegalArgumentException(train.name() + ": cannot fit a standardizer on 0 rows");
        int f = train.features();
        double[] sum = new double[f];
        float[] x = train.x();
        for (int r = 0; r < train.rows(); r++) {
            for (int c = 0; c < f; c++) sum[c] += x[r * f + c];
        }
        float[] mean = new float[f];
        for (int c = 0; c < f; c++) mean[c] = (float) (sum[c] / train.rows());
        // Second pass over deviations: no catastrophic cancellation for large raw values
        double[] squares = new double[f];
        for (int r = 0; r < train.rows(); r++) {
            for (int c = 0; c < f; c++) {
                double d = x[r * f + c] - (double) mean[c];
                squares[c] += d * d;
            }
        }
        float[] std = new float[f];
        for (int c = 0; c < f; c++) {
            double s = Math.sqrt(squares[c] / train.rows());
            std[c] = s < MIN_STD ? 1f : (float) s;
        }
        return new Standardizer(mean, std);
    }

    /** Rebuilds a fitted standardizer from saved statistics (std entries must be positive). */
    public static Standardizer of(float[] mean, float[] std) {
        if (mean.length != std.length) throw new IllegalArgumentException("mean has " + mean.length + " features, std " + std.length);
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("feature " + c + ": expected a finite mean and positive std, found " + mean[c] + ", " + std[c]);
            }
        }
        return new Standardizer(mean.clone(), std.clone());
    }

    /** A new Dataset with standardized features; {@code d} is unchanged. */
    public Dataset apply(Dataset d) {
        int f = mean.length;
        if (d.features() != f) throw new IllegalArgumentException(d.name() + ": has " + d.features() + " features, the standardizer was fitted on " + f);
        float[] x = d.x();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i % f;
            out[i] = (x[i] - mean[c]) / std[c];
        }
        return d.withFeatures(out);
    }

    /** Both halves standardized with these statistics (fit them on {@code split.train()}). */
    public Split apply(Split split) {
        return new Split(apply(split.train()), apply(split.validation()));
    }

    public int features() {
        return mean.length;
    }

    /** Per-feature training mean (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** Per-feature training std, with near-zero ones already replaced by 1 (a copy). */
    public float[] std() {
        return std.clone();
    }
}
