package io.maskstudio.model;

import java.util.Locale;

/** Element-wise activation of a layer. {@link #SOFTMAX} is only valid on the output layer of a classifier. */
public enum Activation {
    RELU, TANH, SIGMOID, IDENTITY, SOFTMAX;

    /** Lower-case name as written in graph files and on the command line ("relu"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "relu", "ReLU", ... ; throws with the accepted names otherwise. */
    public static Activation parse(String text) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(text.trim())) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + text + "', expected one of relu, tanh, sigmoid, identity, softmax");
    }
}
