package io.maskstudio.model;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every generator of {@link MaskGenerators} (plus invert), with the parameters each one uses. */
public enum Generator {
    FULL("full", "Full", List.of()),
    EMPTY("empty", "Empty", List.of()),
    RANDOM("random", "Random density", List.of(Param.DENSITY, Param.SEED, Param.MIN_FAN_IN)),
    LOCAL_2D("local", "Local receptive field (2-D)", List.of(Param.KERNEL, Param.STRIDE, Param.PADDING)),
    LOCAL_1D("local-1d", "Local receptive field (1-D)", List.of(Param.KERNEL, Param.STRIDE, Param.PADDING)),
    BAND("band", "Band / diagonal", List.of(Param.HALF_WIDTH)),
    BLOCK_DIAGONAL("block-diagonal", "Block diagonal (groups)", List.of(Param.GROUPS)),
    N_OF_M("n-of-m", "N:M (N of every M inputs)", List.of(Param.N, Param.M, Param.SEED)),
    BLOCK("block", "Blocks", List.of(Param.BLOCK_ROWS, Param.BLOCK_COLS, Param.DENSITY, Param.SEED)),
    FAN_IN("fan-in", "Constant fan-in", List.of(Param.FAN_IN, Param.SEED)),
    // Works on the mask being edited, so it has no command-line id.
    INVERT(null, "Invert current mask", List.of());

    /** A generator parameter: its label and the range a spinner offers. */
    public enum Param {
        DENSITY("Density", 0, 1, 0.1),
        SEED("Seed", 0, Integer.MAX_VALUE, 42),
        MIN_FAN_IN("Minimum fan-in", 0, 1_000_000, 1),
        KERNEL("Kernel", 1, 4096, 3),
        STRIDE("Stride", 1, 4096, 1),
        PADDING("Padding", 0, 4095, 0),
        HALF_WIDTH("Half width", 0, 1_000_000, 2),
        GROUPS("Groups", 1, 1_000_000, 4),
        N("N", 0, 1_000_000, 2),
        M("M", 1, 1_000_000, 4),
        BLOCK_ROWS("Block rows", 1, 1_000_000, 4),
        BLOCK_COLS("Block columns", 1, 1_000_000, 4),
        FAN_IN("Fan-in", 0, 1_000_000, 8);

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

        /**
         * Reads what a person typed: a fraction ({@code 0.2}) or a percentage ({@code 20%}) for a fraction, a whole
         * number otherwise, within {@link #min()}..{@link #max()}. Anything else is refused with a message that says
         * what was expected; nothing is guessed (a DecimalFormat once read "20%" as 20, clamped to a 100% mask).
         */
        public double parse(String text) {
            String t = text == null ? "" : text.strip();
            if (isFraction()) {
                boolean percent = t.endsWith("%");
                String number = percent ? t.substring(0, t.length() - 1).strip() : t;
                double v = decimal(number, t, "a fraction 0..1 or a percentage 0%..100%");
                if (percent) v /= 100;
                if (!(v >= min && v <= max)) {
                    throw new IllegalArgumentException(label + ": expected a fraction 0..1 or a percentage 0%..100%, was '" + t + "'");
                }
                return v;
            }
            String expected = "a whole number " + (long) min + ".." + (long) max;
            double v = decimal(t, t, expected);
            if (v != Math.rint(v) || v < min || v > max) throw new IllegalArgumentException(label + ": expected " + expected + ", was '" + t + "'");
            return v;
        }

        private double decimal(String number, String typed, String expected) {
            // Double.parseDouble would also take "1e3", "0x1p3", "NaN" and a trailing 'd': only plain decimals here.
            if (!number.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
                throw new IllegalArgumentException(label + ": expected " + expected + ", was '" + typed + "'");
            }
            return Double.parseDouble(number);
        }

        /** The value as the dialog shows it: fractions as decimals, counts as whole numbers. */
        public String format(double v) {
            if (!isFraction()) return String.valueOf(Math.round(v));
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
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

    private final String id;
    private final String label;
    private final List<Param> params;

    Generator(String id, String label, List<Param> params) {
        this.id = id;
        this.label = label;
        this.params = params;
    }

    /** The stable name on the command line ({@code generate --kind ID}); empty for invert, which needs a current mask. */
    public Optional<String> id() { return Optional.ofNullable(id); }

    /** The generator whose {@link #id()} is {@code id}, if any. */
    public static Optional<Generator> byId(String id) {
        for (Generator g : values()) if (g.id != null && g.id.equals(id)) return Optional.of(g);
        return Optional.empty();
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
            case N_OF_M -> MaskGenerators.nOfM(rows, cols, v.integer(Param.N), v.integer(Param.M), (long) v.get(Param.SEED));
            case BLOCK -> MaskGenerators.blocks(rows, cols, v.integer(Param.BLOCK_ROWS), v.integer(Param.BLOCK_COLS), v.get(Param.DENSITY),
                    (long) v.get(Param.SEED));
            case FAN_IN -> MaskGenerators.fanIn(rows, cols, v.integer(Param.FAN_IN), (long) v.get(Param.SEED));
            case INVERT -> current.invert();
        };
    }

    /**
     * This generator's values for {@code source -> target}: the catalogue's initial values, with the receptive-field
     * window (kernel, stride, padding) searched for one that maps the source onto the target, and the group count
     * and the fan-in cut to what the mask can hold. The window stays at its initial value when none fits (the dialog then says why).
     */
    public Values defaultsFor(LayerSpec source, LayerSpec target) {
        Values v = Values.defaults();
        int[] w = switch (this) {
            case LOCAL_2D -> source.hasShape() ? window2d(source, target) : null;
            case LOCAL_1D -> window1d(source.size(), target.size());
            default -> null;
        };
        if (w != null) v = v.with(Param.KERNEL, w[0]).with(Param.STRIDE, w[1]).with(Param.PADDING, w[2]);
        int groups = Math.max(1, Math.min(source.size(), target.size()));
        if (v.get(Param.GROUPS) > groups) v = v.with(Param.GROUPS, groups);
        if (v.get(Param.FAN_IN) > source.size()) v = v.with(Param.FAN_IN, source.size());
        return v;
    }

    /** Whether {@code v} fits {@code source -> target} for this generator, checked by arithmetic (no mask is built). */
    public boolean fits(LayerSpec source, LayerSpec target, Values v) {
        int k = v.integer(Param.KERNEL), s = v.integer(Param.STRIDE), p = v.integer(Param.PADDING);
        return switch (this) {
            case LOCAL_2D -> source.hasShape() && windowFits2d(source, target, k, s, p);
            case LOCAL_1D -> windowLength(source.size(), k, s, p) == target.size();
            case BLOCK_DIAGONAL -> v.integer(Param.GROUPS) >= 1 && v.integer(Param.GROUPS) <= Math.min(source.size(), target.size());
            case RANDOM -> v.get(Param.DENSITY) >= 0 && v.get(Param.DENSITY) <= 1 && v.get(Param.MIN_FAN_IN) >= 0;
            case BAND -> v.get(Param.HALF_WIDTH) >= 0;
            case N_OF_M -> v.integer(Param.M) >= 1 && v.integer(Param.N) >= 0 && v.integer(Param.N) <= v.integer(Param.M);
            case BLOCK -> v.integer(Param.BLOCK_ROWS) >= 1 && v.integer(Param.BLOCK_COLS) >= 1 && v.get(Param.DENSITY) >= 0 && v.get(Param.DENSITY) <= 1;
            case FAN_IN -> v.integer(Param.FAN_IN) >= 0 && v.integer(Param.FAN_IN) <= source.size();
            default -> true;
        };
    }

    // Kernel order: the usual odd kernels first (3 is the catalogue's initial value), then every size.
    private static int[] kernels(int limit) {
        LinkedHashSet<Integer> ks = new LinkedHashSet<>();
        for (int k : new int[] {3, 5, 7}) if (k <= limit) ks.add(k);
        for (int k = 1; k <= limit; k++) ks.add(k);
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {kernel, stride, padding} mapping an n-long input onto out outputs, stride <= kernel and padding <= kernel/2; null if none. */
    private static int[] window1d(int n, int out) {
        for (int k : kernels(Math.min(n, 4096))) {
            for (int s = 1; s <= k; s++) {
                // (n + 2p - k) / s + 1 == out  <=>  (out-1)*s <= n + 2p - k <= (out-1)*s + s - 1
                long lo = (long) (out - 1) * s - n + k, hi = lo + s - 1;
                long p = Math.max(0, (lo + 1) / 2);
                if (2 * p < lo) p++;
                if (2 * p <= hi && p <= k / 2 && p < k) return new int[] {k, s, (int) p};
            }
        }
        return null;
    }

    private static int[] window2d(LayerSpec in, LayerSpec out) {
        int limit = Math.min(Math.min(in.height(), in.width()), 64);
        for (int k : kernels(limit)) {
            for (int s = 1; s <= k; s++) {
                for (int p = 0; p <= k / 2 && p < k; p++) if (windowFits2d(in, out, k, s, p)) return new int[] {k, s, p};
            }
        }
        return null;
    }

    private static boolean windowFits2d(LayerSpec in, LayerSpec out, int k, int s, int p) {
        int oh = windowLength(in.height(), k, s, p), ow = windowLength(in.width(), k, s, p);
        if (oh <= 0 || ow <= 0) return false;
        if (out.hasShape()) return out.height() == oh && out.width() == ow;
        return out.size() % ((long) oh * ow) == 0;
    }

    /** Outputs of a window over n inputs, or -1 where MaskGenerators refuses the window. */
    private static int windowLength(int n, int k, int s, int p) {
        if (k < 1 || s < 1 || p < 0 || p >= k || n + 2L * p < k) return -1;
        return (n + 2 * p - k) / s + 1;
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
