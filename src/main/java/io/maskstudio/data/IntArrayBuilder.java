package io.maskstudio.data;

import java.util.Arrays;

/** A growable int array (labels), the int twin of {@link FloatArrayBuilder}. */
final class IntArrayBuilder {
    private int[] values;
    private int size;

    IntArrayBuilder(int initialCapacity) {
        values = new int[Math.max(16, initialCapacity)];
    }

    void add(int v) {
        if (size == values.length) values = Arrays.copyOf(values, Math.max(16, values.length * 2));
        values[size++] = v;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
