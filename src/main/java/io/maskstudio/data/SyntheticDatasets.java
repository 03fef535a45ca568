package io.maskstudio.data;

import java.util.List;
import java.util.Random;

/**
 * Two-feature, two-class toy sets in the spirit of the TensorFlow Playground and scikit-learn's
 * {@code make_moons}: small enough to train in a blink, shaped so that a network's connectivity visibly matters.
 * The same name, row count, noise and seed always give the same rows (java.util.Random's algorithm is fixed
 * by its specification). Rows come shuffled; class 0 gets {@code rows/2} of them, class 1 the rest.
 *
 * <p>{@code noise} runs from 0 (clean) to about 1 (classes heavily overlapping). Each set turns it into a
 * Gaussian jitter of its own scale:
 * <ul>
 *   <li>{@code circle}: class 1 a disc of radius 2.5, class 0 a ring from 3.5 to 5; jitter sd {@code 2*noise}.</li>
 *   <li>{@code xor}: points in [-5.3,5.3]^2 kept 0.3 off the axes, class 1 where x and y share a sign; jitter sd {@code 2*noise}.</li>
 *   <li>{@code gauss}: two blobs around (2,2) (class 1) and (-2,-2) (class 0), each of sd {@code 0.7 + 3*noise}.</li>
 *   <li>{@code spiral}: two interleaved arms of 1.75 turns out to radius 5; jitter sd {@code noise}.</li>
 *   <li>{@code moons}: scikit-learn's two half circles (outer is class 0); jitter sd {@code noise}, as in make_moons.</li>
 * </ul>
 */
public final class SyntheticDatasets {

    public static final int DEFAULT_ROWS = 400;
    public static final double DEFAULT_NOISE = 0.1;

    private static final List<String> NAMES = List.of("circle", "xor", "gauss", "spiral", "moons");
    private static final List<String> CLASS_NAMES = List.of("0", "1");

    private SyntheticDatasets() {}

    public static List<String> names() {
        return NAMES;
    }

    public static boolean isSynthetic(String name) {
        return NAMES.contains(name);
    }

    /** {@link #DEFAULT_ROWS} rows with {@link #DEFAULT_NOISE}. */
    public static Dataset generate(String name, long seed) throws DataException {
        return generate(name, DEFAULT_ROWS, DEFAULT_NOISE, seed);
    }

    public static Dataset generate(String name, int rows, double noise, long seed) throws DataException {
        if (!isSynthetic(name)) throw new DataException("unknown synthetic dataset '" + name + "': expected one of " + String.join(", ", NAMES));
        if (rows < 2) throw new IllegalArgumentException("a synthetic dataset needs at least 2 rows, asked for " + rows);
        if (!(noise >= 0 && noise <= 10)) throw new IllegalArgumentException("noise must be in [0,10], was " + noise);
        Random random = new Random(seed);
        float[] x = new float[2 * rows];
        int[] y = new int[rows];
        int class0 = rows / 2;
        for (int r = 0; r < rows; r++) {
            int label = r < class0 ? 0 : 1;
            int indexInClass = label == 0 ? r : r - class0;
            int classSize = label == 0 ? class0 : rows - class0;
            double[] p = switch (name) {
                case "circle" -> circle(label, random, noise);
                case "xor" -> xor(label, random, noise);
                case "gauss" -> gauss(label, random, noise);
                case "spiral" -> spiral(label, indexInClass, classSize, random, noise);
                default -> moon(label, indexInClass, classSize, random, noise);
            };
            x[2 * r] = (float) p[0];
            x[2 * r + 1] = (float) p[1];
            y[r] = label;
        }
        Dataset ordered = new Dataset(name, rows, 2, x, y, CLASS_NAMES, 0, 0);
        // Shuffled so a sequential split or mini-batch never sees one class only
        return ordered.subset(Split.permutation(rows, random.nextLong()));
    }

    private static double[] circle(int label, Random random, double noise) {
        double radius = label == 1 ? uniform(random, 0, 2.5) : uniform(random, 3.5, 5);
        double angle = uniform(random, 0, 2 * Math.PI);
        return new double[] {
                radius * Math.sin(angle) + random.nextGaussian() * 2 * noise,
                radius * Math.cos(angle) + random.nextGaussian() * 2 * noise};
    }

    /** Drawn per class (one of its two quadrants at random) so both classes get exactly their share of rows. */
    private static double[] xor(int label, Random random, double noise) {
        double signX = random.nextBoolean() ? 1 : -1;
        double signY = label == 1 ? signX : -signX;
        double px = signX * (0.3 + uniform(random, 0, 5));
        double py = signY * (0.3 + uniform(random, 0, 5));
        return new double[] {px + random.nextGaussian() * 2 * noise, py + random.nextGaussian() * 2 * noise};
    }

    private static double[] gauss(int label, Random random, double noise) {
        double center = label == 1 ? 2 : -2;
        double sd = 0.7 + 3 * noise;
        return new double[] {center + random.nextGaussian() * sd, center + random.nextGaussian() * sd};
    }

    private static double[] spiral(int label, int i, int n, Random random, double noise) {
        double t = (double) i / n;
        double radius = 5 * t;
        double angle = 1.75 * 2 * Math.PI * t + (label == 1 ? Math.PI : 0);
        return new double[] {
                radius * Math.sin(angle) + random.nextGaussian() * noise,
                radius * Math.cos(angle) + random.nextGaussian() * noise};
    }

    /** make_moons: the angle runs evenly over [0, pi] within each class (numpy's linspace, endpoints included). */
    private static double[] moon(int label, int i, int n, Random random, double noise) {
        double angle = n == 1 ? 0 : Math.PI * i / (n - 1);
        double px = label == 0 ? Math.cos(angle) : 1 - Math.cos(angle);
        double py = label == 0 ? Math.sin(angle) : 1 - Math.sin(angle) - 0.5;
        return new double[] {px + random.nextGaussian() * noise, py + random.nextGaussian() * noise};
    }

    private static double uniform(Random random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }
}
