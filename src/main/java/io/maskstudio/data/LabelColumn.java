package io.maskstudio.data;

import java.util.Objects;

/**
 * Which CSV column holds the class label: the last one (the default), one named in the header, or one by
 * 0-based index (negative counts from the end, so -1 is the last column).
 */
public sealed interface LabelColumn {

    static LabelColumn last() {
        return new AtIndex(-1);
    }

    static LabelColumn named(String name) {
        return new Named(name);
    }

    static LabelColumn atIndex(int index) {
        return new AtIndex(index);
    }

    record Named(String name) implements LabelColumn {
        public Named {
            Objects.requireNonNull(name);
        }
    }

    record AtIndex(int index) implements LabelColumn {}
}
