package io.maskstudio.io;

import java.util.OptionalDouble;

/**
 * How to read a mask file.
 *
 * @param key       the array to pick from an {@code .npz} or {@code .safetensors} bundle; null means its only 2-D array
 * @param threshold empty: values must be exactly 0/1; present T: {@code |v| > T} means connected
 * @param maxCells  largest mask ({@code out * in}) we agree to build; checked before anything is allocated
 *
 * <p>The size limit is one rule for every format and dtype: a mask may have at most {@code maxCells} cells
 * ({@link #DEFAULT_MAX_CELLS}, 2^30, by default), however many bytes a cell takes in the file. Readers stream the
 * data into the mask, so reading needs the mask's own memory (at most 128 MiB of bits at the limit) plus fixed
 * buffers; where the Java heap cannot hold even that, the reader says so ({@code MaskHeap}).
 */
public record MaskReadOptions(String key, OptionalDouble threshold, long maxCells) {
    /** 2^30 cells (e.g. 32768 x 32768): 128 MiB as bits. */
    public static final long DEFAULT_MAX_CELLS = 1L << 30;

    /** The rule as messages state it: {@code at most 1073741824 cells (2^30) in the mask}. */
    static String limitText(long maxCells) {
        String power = Long.bitCount(maxCells) == 1 ? " (2^" + Long.numberOfTrailingZeros(maxCells) + ")" : "";
        return "at most " + maxCells + " cells" + power + " in the mask";
    }

    public MaskReadOptions {
        if (threshold == null) threshold = OptionalDouble.empty();
        if (threshold.isPresent()) MaskValues.checkThreshold(threshold.getAsDouble());
        if (maxCells < 1) throw new IllegalArgumentException("maxCells must be positive, was " + maxCells);
    }

    public static MaskReadOptions defaults() {
        return new MaskReadOptions(null, OptionalDouble.empty(), DEFAULT_MAX_CELLS);
    }

    public MaskReadOptions withKey(String k) {
        return new MaskReadOptions(k, threshold, maxCells);
    }

    public MaskReadOptions withThreshold(double t) {
        return new MaskReadOptions(key, OptionalDouble.of(t), maxCells);
    }

    public MaskReadOptions withMaxCells(long n) {
        return new MaskReadOptions(key, threshold, n);
    }
}
