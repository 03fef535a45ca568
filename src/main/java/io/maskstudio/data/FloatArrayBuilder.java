package io.maskstudio.data;

import java.util.Arrays;

/** A growable float array, so readers need not box millions of values into a List. */
final class FloatArrayBuilder {
    private float[] values;
    private int size;

    FloatArrayBuilder(int initialCapacity) {
        values = new float[Math.max(16, initialCapacity)];
    }

    void add(float v) {
        if (size == values.length) values = Arrays.copyOf(values, Math.max(16, values.length * 2));
        values[size++] = v;
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
