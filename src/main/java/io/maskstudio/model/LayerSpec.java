package io.maskstudio.model;

import java.util.Objects;

/**
 * One layer of neurons. {@code height x width} is an optional 2-D shape for image-like layers
 * (0 x 0 when the layer is a plain vector); neuron {@code i} sits at row {@code i / width},
 * column {@code i % width} of each channel, channels being {@code size / (height*width)}.
 */
public record LayerSpec(String name, int size, int height, int width, Activation activation) {

    public LayerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activation, "activation");
        if (size <= 0) throw new IllegalArgumentException("layer '" + name + "': size must be positive, was " + size);
        if (height < 0 || width < 0) throw new IllegalArgumentException("layer '" + name + "': shape must not be negative");
        if ((height == 0) != (width == 0)) {
            throw new IllegalArgumentException("layer '" + name + "': shape needs both height and width, was [" + height + "," + width + "]");
        }
        if (height > 0 && size % (height * width) != 0) {
            throw new IllegalArgumentException("layer '" + name + "': size " + size + " is not a multiple of its shape ["
                    + height + "," + width + "]");
        }
    }

    public static LayerSpec vector(String name, int size, Activation activation) {
        return new LayerSpec(name, size, 0, 0, activation);
    }

    public static LayerSpec grid(String name, int height, int width, Activation activation) {
        return new LayerSpec(name, height * width, height, width, activation);
    }

    /** A 2-D grid with several channels sharing it (size = channels*height*width). */
    public static LayerSpec grid(String name, int channels, int height, int width, Activation activation) {
        return new LayerSpec(name, channels * height * width, height, width, activation);
    }

    public boolean hasShape() {
        return height > 0;
    }

    public int channels() {
        return hasShape() ? size / (height * width) : 1;
    }

    public LayerSpec withSize(int newSize) {
        return new LayerSpec(name, newSize, 0, 0, activation);
    }

    public LayerSpec withShape(int channels, int h, int w) {
        return new LayerSpec(name, channels * h * w, h, w, activation);
    }

    public LayerSpec withActivation(Activation a) {
        return new LayerSpec(name, size, height, width, a);
    }

    public LayerSpec withName(String n) {
        return new LayerSpec(n, size, height, width, activation);
    }
}
