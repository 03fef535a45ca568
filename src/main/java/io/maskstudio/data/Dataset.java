package io.maskstudio.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled classification dataset held in memory: {@code x} is row-major {@code [rows, features]},
 * {@code y[r]} is the class index of row r in {@code [0, classNames.size())}. Image datasets also give
 * their {@code imageHeight x imageWidth} (0 x 0 otherwise) so an input layer can take that shape.
 */
public record Dataset(String name, int rows, int features, float[] x, int[] y, List<String> classNames,
                      int imageHeight, int imageWidth) {

    public Dataset {
        Objects.requireNonNull(name);
        classNames = List.copyOf(classNames);
        if (x.length != (long) rows * features) throw new IllegalArgumentException(name + ": x has " + x.length + " values, expected " + rows + "x" + features);
        if (y.length != rows) throw new IllegalArgumentException(name + ": y has " + y.length + " labels, expected " + rows);
        for (int label : y) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + label + " outside [0," + classNames.size() + ")");
            }
        }
    }

    public int classes() {
        return classNames.size();
    }

    /** The rows at the given indices, in that order. */
    public Dataset subset(int[] indices) {
        float[] sx = new float[indices.length * features];
        int[] sy = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(x, indices[k] * features, sx, k * features, features);
            sy[k] = y[indices[k]];
        }
        return new Dataset(name, indices.length, features, sx, sy, classNames, imageHeight, imageWidth);
    }

    /** Same rows and labels with other feature values (after normalization, say). */
    public Dataset withFeatures(float[] newX) {
        return new Dataset(name, rows, features, newX, y, classNames, imageHeight, imageWidth);
    }
}
