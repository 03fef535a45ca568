package io.maskstudio.model;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;

/**
 * Connectivity patterns for one layer pair. Each method returns a new {@link Mask} of shape
 * {@code [rows = outputs, cols = inputs]}; invert and the set operations live on {@link Mask} itself.
 */
public final class MaskGenerators {

    private MaskGenerators() {
    }

    public static Mask full(int rows, int cols) {
        return Mask.full(rows, cols);
    }

    public static Mask empty(int rows, int cols) {
        return new Mask(rows, cols);
    }

    /**
     * Random connections with exactly {@code round(density * rows * cols)} cells set, except that every
     * output first gets {@code min(minFanIn, cols)} distinct random inputs; when that alone exceeds the
     * target, the minimum fan-in wins and the density comes out higher. Same seed, same mask.
     */
    public static Mask randomDensity(int rows, int cols, double density, long seed, int minFanIn) {
        requireShape(rows, cols);
        if (!(density >= 0 && density <= 1)) throw new IllegalArgumentException("density must be in [0,1], was " + density);
        if (minFanIn < 0) throw new IllegalArgumentException("minimum fan-in must not be negative, was " + minFanIn);
        Random rnd = new Random(seed);
        Mask m = new Mask(rows, cols);
        int perRow = Math.min(minFanIn, cols);
        if (perRow > 0) {
            for (int o = 0; o < rows; o++) chooseDistinctInRow(m, o, perRow, rnd);
        }
        long cells = (long) rows * cols;
        long placed = (long) rows * perRow;
        long target = Math.round(density * cells);
        if (target > placed) addRandomCells(m, target - placed, cells - placed, rnd);
        return m;
    }

    /**
     * Exactly {@code count} connections at uniformly random cells, nothing else (no minimum fan-in): the same mask as
     * {@code randomDensity(rows, cols, count / (rows*cols), seed, 0)} where that density rounds to {@code count}.
     */
    public static Mask randomCount(int rows, int cols, long count, long seed) {
        requireShape(rows, cols);
        long cells = (long) rows * cols;
        if (count < 0 || count > cells) throw new IllegalArgumentException("connection count must be in 0.." + cells + ", was " + count);
        Mask m = new Mask(rows, cols);
        if (count > 0) addRandomCells(m, count, cells, new Random(seed));
        return m;
    }

    /**
     * N:M sparsity: in every row, each group of {@code m} consecutive inputs (columns {@code 0..m-1}, {@code m..2m-1}, ...)
     * holds exactly {@code n} connections, chosen at random with the seed. When {@code cols} is not a multiple of
     * {@code m} the last, short group of {@code r} inputs holds {@code min(n, r)}: the pattern still covers every pair
     * in the editor, and {@link MaskStructure} checks the same rule. Sparse tensor cores (NVIDIA's 2:4) need
     * {@code cols % m == 0}; {@link MaskStructure#isNOfM} tells whether a mask qualifies.
     */
    public static Mask nOfM(int rows, int cols, int n, int m, long seed) {
        requireNOfM(rows, cols, n, m);
        Random rnd = new Random(seed);
        Mask mask = new Mask(rows, cols);
        int[] row = new int[rowCountNOfM(cols, n, m)];
        for (int o = 0; o < rows; o++) {
            int filled = 0;
            for (int g = 0; g < cols; g += m) {
                int len = Math.min(m, cols - g);
                filled = chooseSorted(Math.min(n, len), len, g, rnd, row, filled);
            }
            mask.setRowIndices(o, row);
        }
        return mask;
    }

    /**
     * N:M by magnitude, for a trained layer: in each group (as in {@link #nOfM}) the {@code n} inputs of largest
     * {@code |w|} are kept, ties going to the lower column. {@code weights} is row-major {@code [rows*cols]}. A NaN
     * weight ranks below every number, so a diverged weight is never kept in favour of a real one.
     */
    public static Mask nOfMByMagnitude(float[] weights, int rows, int cols, int n, int m) {
        requireNOfM(rows, cols, n, m);
        if (weights.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + ((long) rows * cols) + " weights for a [" + rows + "," + cols + "] mask, got " + weights.length);
        }
        Mask mask = new Mask(rows, cols);
        int[] row = new int[rowCountNOfM(cols, n, m)];
        long[] keys = new long[Math.min(m, cols)];
        for (int o = 0; o < rows; o++) {
            int filled = 0;
            for (int g = 0; g < cols; g += m) {
                int len = Math.min(m, cols - g);
                for (int j = 0; j < len; j++) keys[j] = magnitudeKey(weights[o * cols + g + j], j);
                Arrays.sort(keys, 0, len);
                int keep = Math.min(n, len);
                int from = filled;
                for (int j = 0; j < keep; j++) row[filled++] = g + (int) (keys[j] & Integer.MAX_VALUE);
                Arrays.sort(row, from, filled);
            }
            mask.setRowIndices(o, row);
        }
        return mask;
    }

    /**
     * Sorts ascending as larger |w| first, then lower index: the magnitude's bits (monotonic for |w| >= 0) inverted,
     * NaN as -1. That rank needs 32 bits and the index 31, so both fit a non-negative long.
     */
    private static long magnitudeKey(float w, int index) {
        int bits = Float.isNaN(w) ? -1 : Float.floatToIntBits(Math.abs(w));
        return ((long) Integer.MAX_VALUE - bits) << 31 | index;
    }

    /**
     * Blocks: the mask is cut into a grid of {@code ceil(rows/blockRows) x ceil(cols/blockCols)} blocks (the last row
     * and column of blocks are cut short where the shape is not a multiple) and exactly
     * {@code round(blockCount * density)} of them, chosen uniformly at random, are fully present; the rest are absent.
     * The density is thus a fraction of blocks: with short edge blocks the fraction of cells differs slightly.
     */
    public static Mask blocks(int rows, int cols, int blockRows, int blockCols, double density, long seed) {
        requireShape(rows, cols);
        if (blockRows < 1 || blockCols < 1) throw new IllegalArgumentException("block size must be at least 1x1, was " + blockRows + "x" + blockCols);
        if (!(density >= 0 && density <= 1)) throw new IllegalArgumentException("density must be in [0,1], was " + density);
        int gridRows = ceilDiv(rows, blockRows), gridCols = ceilDiv(cols, blockCols);
        Mask grid = randomCount(gridRows, gridCols, Math.round(density * gridRows * (double) gridCols), seed);
        Mask m = new Mask(rows, cols);
        grid.forEachSet((br, bc) -> m.setRect(br * blockRows, Math.min(rows, (br + 1) * blockRows),
                bc * blockCols, Math.min(cols, (bc + 1) * blockCols), true));
        return m;
    }

    /** Constant fan-in: every output gets exactly {@code k} distinct inputs, uniformly at random ({@code 0 <= k <= cols}). */
    public static Mask fanIn(int rows, int cols, int k, long seed) {
        requireShape(rows, cols);
        if (k < 0 || k > cols) throw new IllegalArgumentException("fan-in must be in 0.." + cols + " (the input count), was " + k);
        Random rnd = new Random(seed);
        Mask m = new Mask(rows, cols);
        int[] row = new int[k];
        for (int o = 0; o < rows; o++) {
            chooseSorted(k, cols, 0, rnd, row, 0);
            m.setRowIndices(o, row);
        }
        return m;
    }

    /**
     * Writes {@code k} distinct values of {@code base + [0, len)}, uniformly chosen and ascending, into {@code dest}
     * from {@code at}; returns the position after them. Floyd's sampling; the membership test is a sorted insertion
     * for few picks and a scratch bitmap when the picks are many (so the cost stays near {@code min(k*k, len)}).
     */
    private static int chooseSorted(int k, int len, int base, Random rnd, int[] dest, int at) {
        if (k == 0) return at;
        if (k == len) {
            for (int j = 0; j < len; j++) dest[at + j] = base + j;
            return at + len;
        }
        if ((long) k * k <= len) {
            int size = 0;
            for (int j = len - k; j < len; j++) {
                int t = rnd.nextInt(j + 1);
                int pos = Arrays.binarySearch(dest, at, at + size, base + t);
                int v = pos >= 0 ? j : t;
                // j is larger than everything chosen so far, so it always goes last.
                int ins = pos >= 0 ? at + size : -pos - 1;
                System.arraycopy(dest, ins, dest, ins + 1, at + size - ins);
                dest[ins] = base + v;
                size++;
            }
            return at + k;
        }
        BitSet picked = new BitSet(len);
        for (int j = len - k; j < len; j++) {
            int t = rnd.nextInt(j + 1);
            picked.set(picked.get(t) ? j : t);
        }
        int w = at;
        for (int j = picked.nextSetBit(0); j >= 0; j = picked.nextSetBit(j + 1)) dest[w++] = base + j;
        return w;
    }

    /** Connections per row of an N:M mask: n per full group, min(n, r) in a short last group of r. */
    static int rowCountNOfM(int cols, int n, int m) {
        int r = cols % m;
        return (cols / m) * n + Math.min(n, r);
    }

    private static void requireNOfM(int rows, int cols, int n, int m) {
        requireShape(rows, cols);
        if (m < 1) throw new IllegalArgumentException("group size M must be at least 1, was " + m);
        if (n < 0 || n > m) throw new IllegalArgumentException("N must be in 0.." + m + " (the group size M), was " + n);
    }

    private static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }

    /** Floyd's sampling: {@code k} distinct columns of row {@code o}, uniformly, in O(k). */
    private static void chooseDistinctInRow(Mask m, int o, int k, Random rnd) {
        int n = m.cols();
        for (int j = n - k; j < n; j++) {
            int t = rnd.nextInt(j + 1);
            m.set(o, m.get(o, t) ? j : t, true);
        }
    }

    /** Sets {@code count} of the {@code free} clear cells, uniformly at random. */
    private static void addRandomCells(Mask m, long count, long free, Random rnd) {
        long cells = (long) m.rows() * m.cols();
        if (count * 2 <= free) {
            // Sparse target: rejection sampling needs fewer than two draws per cell on average.
            while (count > 0) {
                long cell = rnd.nextLong(cells);
                int o = (int) (cell / m.cols());
                int i = (int) (cell % m.cols());
                if (!m.get(o, i)) {
                    m.set(o, i, true);
                    count--;
                }
            }
            return;
        }
        // Dense target: selection sampling (Knuth's algorithm S) in one pass over the clear cells.
        for (int o = 0; o < m.rows() && count > 0; o++) {
            for (int i = 0; i < m.cols() && count > 0; i++) {
                if (m.get(o, i)) continue;
                if (rnd.nextDouble() * free < count) {
                    m.set(o, i, true);
                    count--;
                }
                free--;
            }
        }
    }

    /**
     * Convolution-like connectivity between two 2-D layers: output neuron (channel, r, c) sees the
     * {@code kernel x kernel} patch starting at input (r*stride - padding, c*stride - padding), clipped to
     * the input grid, in every input channel (no weight sharing: each connection has its own weight).
     * The output grid must be {@code (H + 2p - k)/s + 1} by {@code (W + 2p - k)/s + 1}; an unshaped output
     * layer is accepted when its size is a whole number of such grids (one per output channel).
     */
    public static Mask localReceptiveField(LayerSpec in, LayerSpec out, int kernel, int stride, int padding) {
        requireWindow(kernel, stride, padding);
        if (!in.hasShape()) {
            throw new IllegalArgumentException("input layer '" + in.name() + "' needs a 2-D shape for a 2-D receptive field; use the 1-D variant for vectors");
        }
        int oh = outputLength(in.height(), kernel, stride, padding, "height");
        int ow = outputLength(in.width(), kernel, stride, padding, "width");
        int outChannels = outputChannels(in, out, oh, ow, kernel, stride, padding);

        int inH = in.height();
        int inW = in.width();
        Mask m = new Mask(out.size(), in.size());
        for (int oc = 0; oc < outChannels; oc++) {
            for (int r = 0; r < oh; r++) {
                int r0 = Math.max(0, r * stride - padding);
                int r1 = Math.min(inH, r * stride - padding + kernel);
                for (int c = 0; c < ow; c++) {
                    int c0 = Math.max(0, c * stride - padding);
                    int c1 = Math.min(inW, c * stride - padding + kernel);
                    int o = (oc * oh + r) * ow + c;
                    for (int ic = 0; ic < in.channels(); ic++) {
                        for (int ir = r0; ir < r1; ir++) {
                            int rowStart = (ic * inH + ir) * inW;
                            m.setRowRange(o, rowStart + c0, rowStart + c1, true);
                        }
                    }
                }
            }
        }
        return m;
    }

    private static int outputChannels(LayerSpec in, LayerSpec out, int oh, int ow, int kernel, int stride, int padding) {
        String why = kernel + "x" + kernel + " kernel, stride " + stride + ", padding " + padding
                + " on the " + in.height() + "x" + in.width() + " grid of '" + in.name() + "'";
        if (out.hasShape()) {
            if (out.height() != oh || out.width() != ow) {
                throw new IllegalArgumentException("output layer '" + out.name() + "' must be a " + oh + "x" + ow + " grid for a "
                        + why + ", but is " + out.height() + "x" + out.width());
            }
            return out.channels();
        }
        if (out.size() % (oh * ow) != 0) {
            throw new IllegalArgumentException("output layer '" + out.name() + "' must be a " + oh + "x" + ow + " grid (size a multiple of "
                    + (oh * ow) + ") for a " + why + ", but has " + out.size() + " neurons");
        }
        return out.size() / (oh * ow);
    }

    /**
     * 1-D local receptive fields: output {@code o} sees inputs {@code [o*stride - padding, o*stride - padding + kernel)},
     * clipped. {@code outSize} must be {@code (inSize + 2*padding - kernel)/stride + 1}.
     */
    public static Mask localReceptiveField1d(int inSize, int outSize, int kernel, int stride, int padding) {
        requireShape(outSize, inSize);
        requireWindow(kernel, stride, padding);
        int expected = outputLength(inSize, kernel, stride, padding, "length");
        if (outSize != expected) {
            throw new IllegalArgumentException("output size must be " + expected + " for a kernel of " + kernel + ", stride " + stride
                    + ", padding " + padding + " on " + inSize + " inputs, but is " + outSize);
        }
        Mask m = new Mask(outSize, inSize);
        for (int o = 0; o < outSize; o++) m.setRowRange(o, o * stride - padding, o * stride - padding + kernel, true);
        return m;
    }

    /**
     * A diagonal band: output {@code o} sees inputs within {@code halfWidth} of its centre
     * {@code round(o*(cols-1)/(rows-1))}, so the band runs corner to corner on non-square masks
     * (a single output row is centred on the middle input).
     */
    public static Mask band(int rows, int cols, int halfWidth) {
        requireShape(rows, cols);
        if (halfWidth < 0) throw new IllegalArgumentException("band half-width must not be negative, was " + halfWidth);
        Mask m = new Mask(rows, cols);
        for (int o = 0; o < rows; o++) {
            long centre = rows == 1 ? (cols - 1) / 2 : Math.round(o * (double) (cols - 1) / (rows - 1));
            long from = centre - halfWidth;
            long to = centre + halfWidth + 1L;
            m.setRowRange(o, (int) Math.max(0, from), (int) Math.min(cols, to), true);
        }
        return m;
    }

    /**
     * {@code groups} independent blocks on the diagonal: rows and columns are each cut into {@code groups}
     * contiguous, near-equal parts (sizes differ by at most one) and group g's outputs see only group g's inputs.
     */
    public static Mask blockDiagonal(int rows, int cols, int groups) {
        requireShape(rows, cols);
        if (groups < 1 || groups > Math.min(rows, cols)) {
            throw new IllegalArgumentException("groups must be in 1.." + Math.min(rows, cols) + " for a [" + rows + "," + cols + "] mask, was " + groups);
        }
        Mask m = new Mask(rows, cols);
        for (int g = 0; g < groups; g++) {
            m.setRect(blockStart(rows, groups, g), blockStart(rows, groups, g + 1),
                    blockStart(cols, groups, g), blockStart(cols, groups, g + 1), true);
        }
        return m;
    }

    private static int blockStart(int n, int groups, int g) {
        return (int) ((long) n * g / groups);
    }

    private static int outputLength(int n, int kernel, int stride, int padding, String what) {
        if (n + 2L * padding < kernel) {
            throw new IllegalArgumentException("kernel " + kernel + " is larger than the padded input " + what + " " + n + " + 2*" + padding);
        }
        return (n + 2 * padding - kernel) / stride + 1;
    }

    private static void requireWindow(int kernel, int stride, int padding) {
        if (kernel < 1) throw new IllegalArgumentException("kernel must be at least 1, was " + kernel);
        if (stride < 1) throw new IllegalArgumentException("stride must be at least 1, was " + stride);
        if (padding < 0) throw new IllegalArgumentException("padding must not be negative, was " + padding);
        // With padding >= kernel, border outputs would see nothing but padding and have no inputs at all.
        if (padding >= kernel) throw new IllegalArgumentException("padding must be smaller than the kernel (" + kernel + "), was " + padding);
    }

    private static void requireShape(int rows, int cols) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("mask shape must be positive, was [" + rows + "," + cols + "]");
    }
}
