package io.maskstudio.model;

import java.util.List;
import java.util.Locale;

/** Every generator of {@link MaskGenerators} (plus invert), with the parameters each one uses. */
public enum Generator {
    FULL("Full", List.of()),
    EMPTY("Empty", List.of()),
    RANDOM("Random density", List.of(Param.DENSITY, Param.SEED, Param.MIN_FAN_IN)),
    LOCAL_2D("Local receptive field (2-D)", List.of(Param.KERNEL, Param.STRIDE, Param.PADDING)),
    LOCAL_1D("Local receptive field (1-D)", List.of(Param.KERNEL, Param.STRIDE, Param.PADDING)),
    BAND("Band / diagonal", List.of(Param.HALF_WIDTH)),
    BLOCK_DIAGONAL("Block diagonal (groups)", List.of(Param.GROUPS)),
    INVERT("Invert current mask", List.of());

    /** A generator parameter: its label and the range a spinner offers. */
    public enum Param {
        DENSITY("Density", 0, 1, 0.1),
        SEED("Seed", 0, Integer.MAX_VALUE, 42),
        MIN_FAN_IN("Minimum fan-in", 0, 1_000_000, 1),
        KERNEL("Kernel", 1, 4096, 3),
        STRIDE("Stride", 1, 4096, 1),
        PADDING("Padding", 0, 4095, 0),
        HALF_WIDTH("Half width", 0, 1_000_000, 2),
        GROUPS("Groups", 1, 1_000_000, 4);

        private final String label;
        private final double min, max, initial;

        Param(String label, double min, double max, double initial) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.initial = initial;
        }

        public String label() { return label; }
        public double min() { return min; }
        public double max() { return max; }
        public double initial() { return initial; }
        public boolean isFraction() { return this == DENSITY; }
    }

    /** Parameter values by {@link Param#ordinal()}. */
    public record Values(double[] values) {
        public static Values defaults() {
            double[] v = new double[Param.values().length];
            for (Param p : Param.values()) v[p.ordinal()] = p.initial();
            return new Values(v);
        }

        public double get(Param p) { return values[p.ordinal()]; }
        public int integer(Param p) { return (int) Math.round(values[p.ordinal()]); }

        public Values with(Param p, double value) {
            double[] v = values.clone();
            v[p.ordinal()] = value;
            return new Values(v);
        }
    }

    private final String label;
    private final List<Param> params;

    Generator(String label, List<Param> params) {
        this.label = label;
        this.params = params;
    }

    public String label() { return label; }
    public List<Param> params() { return params; }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The pattern for a pair {@code source -> target} whose mask is now {@code current}. Throws
     * IllegalArgumentException with a message for people when the parameters do not fit the layers.
     */
    public Mask generate(LayerSpec source, LayerSpec target, Mask current, Values v) {
        int rows = target.size(), cols = source.size();
        return switch (this) {
            case FULL -> MaskGenerators.full(rows, cols);
            case EMPTY -> MaskGenerators.empty(rows, cols);
            case RANDOM -> MaskGenerators.randomDensity(rows, cols, v.get(Param.DENSITY), (long) v.get(Param.SEED), v.integer(Param.MIN_FAN_IN));
            case LOCAL_2D -> MaskGenerators.localReceptiveField(source, target, v.integer(Param.KERNEL), v.integer(Param.STRIDE), v.integer(Param.PADDING));
            case LOCAL_1D -> MaskGenerators.localReceptiveField1d(cols, rows, v.integer(Param.KERNEL), v.integer(Param.STRIDE), v.integer(Param.PADDING));
            case BAND -> MaskGenerators.band(rows, cols, v.integer(Param.HALF_WIDTH));
            case BLOCK_DIAGONAL -> MaskGenerators.blockDiagonal(rows, cols, v.integer(Param.GROUPS));
            case INVERT -> current.invert();
        };
    }

    /** A short description for the undo menu, e.g. "Random density 0.1, seed 42". */
    public String describe(Values v) {
        StringBuilder sb = new StringBuilder(label);
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            sb.append(k == 0 ? " " : ", ").append(p.label().toLowerCase(Locale.ROOT)).append(' ')
                    .append(p.isFraction() ? String.valueOf(v.get(p)) : String.valueOf(v.integer(p)));
        }
        return sb.toString();
    }
}
