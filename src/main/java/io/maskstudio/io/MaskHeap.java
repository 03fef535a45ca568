package io.maskstudio.io;

import io.maskstudio.model.Mask;

/**
 * Whether the Java heap can hold a mask about to be read, asked before the mask is allocated, so a too-small
 * heap gives a message naming the file, shape, cell count and heap instead of an {@link OutOfMemoryError}.
 */
final class MaskHeap {
    private MaskHeap() {}

    /**
     * The least memory a mask of this shape takes: its packed bits, or for shapes above
     * {@link Mask#DENSE_AUTO_MAX_BYTES}, which start as sparse rows, one reference per row (they grow with content).
     */
    static long leastBytes(int rows, int cols) {
        long bits = bitBytes(rows, cols);
        return bits <= Mask.DENSE_AUTO_MAX_BYTES ? bits : 8L * rows;
    }

    /** The most: for shapes that start as sparse rows, rows about as large as the bits and the bits themselves while it switches. */
    static long mostBytes(int rows, int cols) {
        long bits = bitBytes(rows, cols);
        return bits <= Mask.DENSE_AUTO_MAX_BYTES ? bits : 2 * bits + 16L * rows;
    }

    private static long bitBytes(int rows, int cols) {
        return (long) rows * ((cols + 63L) >>> 6) * 8;
    }

    /**
     * Refuses a mask whose least size exceeds the whole heap ({@code -Xmx}). Anything smaller may fit (garbage is
     * collected, sparse masks stay small), so it is read, with {@link #outOfMemory} as the last resort.
     */
    static void require(String source, int rows, int cols) throws FormatException {
        require(source, rows, cols, 1);
    }

    /** The same for {@code copies} masks of this shape held at once (a reader that tracks cells already seen). */
    static void require(String source, int rows, int cols, int copies) throws FormatException {
        long need = copies * leastBytes(rows, cols);
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new FormatException(source, "shape", "a mask the Java heap can hold (at most " + mib(max) + " MiB; start Java with a larger -Xmx)",
                    describe(rows, cols) + ", which needs at least " + mib(need) + " MiB");
        }
    }

    /** The last resort when the heap ran out all the same (other data already filled it). */
    static FormatException outOfMemory(String source, int rows, int cols, OutOfMemoryError e) {
        Runtime rt = Runtime.getRuntime();
        return new FormatException(source, "shape", "a mask the Java heap can hold (" + mib(rt.maxMemory()) + " MiB, of which "
                + mib(rt.totalMemory() - rt.freeMemory()) + " MiB were in use; start Java with a larger -Xmx)",
                describe(rows, cols) + ", which needs up to " + mib(mostBytes(rows, cols)) + " MiB: the heap ran out while reading it", e);
    }

    /** The same when the shape is not known at the point of failure. */
    static FormatException outOfMemory(String source, OutOfMemoryError e) {
        Runtime rt = Runtime.getRuntime();
        return new FormatException(source, "size", "a mask the Java heap can hold (" + mib(rt.maxMemory()) + " MiB; start Java with a larger -Xmx)",
                "a file whose reading ran out of heap", e);
    }

    static String describe(int rows, int cols) {
        return "shape (" + rows + ", " + cols + ") = " + (long) rows * cols + " cells";
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
