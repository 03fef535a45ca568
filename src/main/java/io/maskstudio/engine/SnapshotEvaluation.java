package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;

import java.util.ArrayList;
import java.util.List;

/**
 * The predictions of a {@link TrainingSnapshot}'s network on a labelled set, and their confusion matrix. Plain float
 * math on the snapshot's copies, with the activations training uses ({@link Loops#activate}), so it runs on any
 * thread without touching the trainer's ND4J arrays. Works through the rows in batches of {@link #BATCH_ROWS}: memory
 * is the weights' present connections plus one batch of activations, whatever the set's size.
 */
public final class SnapshotEvaluation {
    static final int BATCH_ROWS = 256;

    private SnapshotEvaluation() {}

    /**
     * @param activations one per layer pair: the activation of the pair's output layer (the design's layers 1..n)
     * @param x           row-major {@code [n, in]}, standardized as in training
     * @param y           true classes in {@code [0, classes)}, where classes is the last pair's output size
     * @throws IllegalArgumentException when the shapes do not fit, a label is out of range, or a layer's weights were
     *                                  not copied into the snapshot (too large)
     */
    public static ConfusionMatrix confusion(TrainingSnapshot snapshot, List<Activation> activations, float[] x, int[] y) {
        int classes = snapshot.layers().get(snapshot.layers().size() - 1).outFeatures();
        return ConfusionMatrix.of(classes, y, predict(snapshot, activations, x, y.length));
    }

    /** The predicted class (the first largest logit, as {@code argmax} does) of each of the {@code n} rows of {@code x}. */
    public static int[] predict(TrainingSnapshot snapshot, List<Activation> activations, float[] x, int n) {
        List<Sparse> layers = layers(snapshot, activations);
        int in = layers.get(0).in;
        if (x.length != (long) n * in) throw new IllegalArgumentException("inputs have " + x.length + " values, expected " + n + " x " + in);
        int[] predicted = new int[n];
        for (int start = 0; start < n; start += BATCH_ROWS) {
            int rows = Math.min(BATCH_ROWS, n - start);
            float[] a = new float[rows * in];
            System.arraycopy(x, start * in, a, 0, rows * in);
            for (Sparse l : layers) a = l.forward(a, rows);
            int classes = layers.get(layers.size() - 1).out;
            for (int r = 0; r < rows; r++) predicted[start + r] = argmax(a, r * classes, classes);
        }
        return predicted;
    }

    private static int argmax(float[] a, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) if (a[from + k] > a[from + best]) best = k;
        return best;
    }

    private static List<Sparse> layers(TrainingSnapshot snapshot, List<Activation> activations) {
        List<LayerSnapshot> ls = snapshot.layers();
        if (ls.isEmpty()) throw new IllegalArgumentException("the snapshot has no layers");
        if (activations.size() != ls.size()) {
            throw new IllegalArgumentException(ls.size() + " layer pairs but " + activations.size() + " activations");
        }
        List<Sparse> out = new ArrayList<>();
        for (int k = 0; k < ls.size(); k++) {
            LayerSnapshot l = ls.get(k);
            if (l.weights() == null) {
                throw new IllegalArgumentException("layer pair " + k + " (" + l.outFeatures() + " x " + l.inFeatures()
                        + ") is too large to be copied each epoch, so its predictions cannot be computed");
            }
            if (k > 0 && l.inFeatures() != ls.get(k - 1).outFeatures()) {
                throw new IllegalArgumentException("layer pair " + k + " takes " + l.inFeatures() + " inputs, pair " + (k - 1)
                        + " gives " + ls.get(k - 1).outFeatures());
            }
            out.add(new Sparse(l, activations.get(k)));
        }
        return out;
    }

    /** One layer's present connections in compressed rows: a sparse mask costs only its connections. */
    private static final class Sparse {
        final int out;
        final int in;
        final int[] rowStart;
        final int[] cols;
        final float[] values;
        final float[] bias;
        final Activation activation;

        Sparse(LayerSnapshot l, Activation activation) {
            this.out = l.outFeatures();
            this.in = l.inFeatures();
            this.activation = activation;
            this.bias = l.bias();
            Mask m = l.mask();
            int nnz = Math.toIntExact(m.nnz());
            rowStart = new int[out + 1];
            cols = new int[nnz];
            values = new float[nnz];
            int[] at = {0};
            float[] w = l.weights();
            for (int o = 0; o < out; o++) {
                rowStart[o] = at[0];
                int base = o * in;
                m.forEachInRow(o, i -> {
                    cols[at[0]] = i;
                    values[at[0]++] = w[base + i];
                });
            }
            rowStart[out] = at[0];
        }

        float[] forward(float[] a, int rows) {
            float[] z = new float[rows * out];
            for (int r = 0; r < rows; r++) {
                int ai = r * in;
                int zo = r * out;
                for (int o = 0; o < out; o++) {
                    float s = bias[o];
                    for (int j = rowStart[o]; j < rowStart[o + 1]; j++) s += values[j] * a[ai + cols[j]];
                    z[zo + o] = s;
                }
            }
            Loops.activate(activation, z, z.length);
            return z;
        }
    }
}
