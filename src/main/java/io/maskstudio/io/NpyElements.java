package io.maskstudio.io;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * The elements of one {@code .npy} array, read one at a time in storage order through a fixed 64 KiB buffer,
 * so reading a mask takes the mask's memory and not the file's (docs/decisions/streaming-mask-readers.md).
 * The header is parsed and the data length checked against the declared shape before the first element.
 */
final class NpyElements {
    private static final int BUFFER_BYTES = 1 << 16;

    /** Turns a read failure of the underlying stream into a message (a damaged zip entry), or null to rethrow it. */
    @FunctionalInterface
    interface Damage {
        FormatException of(Exception e);
    }

    /** Runs after the last data byte, e.g. to compare a zip entry's CRC32. */
    @FunctionalInterface
    interface EndCheck {
        void check() throws FormatException;
    }

    private final String source;
    private final NpyHeader header;
    private final InputStream in;
    private final long dataStart;
    private final long count;
    private final int item;
    private final Damage damage;
    private final ByteBuffer buf;
    private long consumed; // data bytes handed out so far

    private NpyElements(String source, NpyHeader header, InputStream in, long dataStart, long count, Damage damage) {
        this.source = source;
        this.header = header;
        this.in = in;
        this.dataStart = dataStart;
        this.count = count;
        this.item = header.dtype().itemSize();
        this.damage = damage;
        // a multiple of every item size (1, 2, 4, 8), so no element straddles two fills
        this.buf = ByteBuffer.allocate(BUFFER_BYTES).order(header.byteOrder());
        buf.limit(0);
    }

    /**
     * Reads the header from {@code in}, which must hold exactly {@code totalBytes} bytes, and checks that the data
     * has one element per cell of the shape. {@code maxCells} bounds the element count before any data is read.
     */
    static NpyElements open(String source, InputStream in, long totalBytes, long maxCells, Damage damage) throws IOException, FormatException {
        NpyReader.Header h;
        try {
            h = NpyReader.readHeader(source, in, totalBytes);
        } catch (IOException e) {
            throw damaged(damage, e);
        } catch (RuntimeException e) {
            throw damaged(damage, e);
        }
        NpyHeader header = h.header();
        long cells = cells(header.shape());
        if (cells > maxCells) {
            throw new FormatException(source, "shape", MaskReadOptions.limitText(maxCells),
                    "shape " + NpyArray.shapeString(header.shape()) + " = " + cellsText(header.shape()) + " cells");
        }
        int item = header.dtype().itemSize();
        long dataBytes = cells > Long.MAX_VALUE / item ? Long.MAX_VALUE : cells * item;
        long present = totalBytes - h.dataStart();
        if (present != dataBytes) {
            throw new FormatException(source, "byte " + h.dataStart(), dataBytes + " data bytes for shape " + NpyArray.shapeString(header.shape())
                    + " of " + header.dtype().code(), present + (present < dataBytes ? " (file truncated or shape wrong)" : " (extra bytes after the data)"));
        }
        return new NpyElements(source, header, in, h.dataStart(), cells, damage);
    }

    NpyHeader header() { return header; }

    int[] shape() { return header.shape(); }

    String source() { return source; }

    /** Number of elements. */
    long count() { return count; }

    /** The next element as a double (bool is 0/1, unsigned values unsigned), as {@link NpyArray#getDouble} reads it. */
    double next() throws IOException, FormatException {
        if (!buf.hasRemaining()) fill();
        return switch (header.dtype()) {
            case BOOL -> buf.get() != 0 ? 1 : 0;
            case INT8 -> buf.get();
            case UINT8 -> buf.get() & 0xFF;
            case INT16 -> buf.getShort();
            case UINT16 -> buf.getShort() & 0xFFFF;
            case INT32 -> buf.getInt();
            case UINT32 -> buf.getInt() & 0xFFFFFFFFL;
            case INT64 -> buf.getLong();
            case UINT64 -> unsignedToDouble(buf.getLong());
            case FLOAT16 -> NpyArray.halfToFloat(buf.getShort());
            case FLOAT32 -> buf.getFloat();
            case FLOAT64 -> buf.getDouble();
        };
    }

    /**
     * How many of the next elements are all-zero bytes, skipping them (at most {@code max}). Zero bytes are
     * 0 (or +0.0) in every dtype, never connected, so mask readers pass over runs of them without decoding.
     */
    long skipZeros(long max) throws IOException, FormatException {
        long skipped = 0;
        while (skipped < max) {
            if (!buf.hasRemaining()) {
                if (consumed == count * item) return skipped;
                fill();
            }
            int p = buf.position();
            int lim = (int) Math.min(buf.limit(), p + (max - skipped) * item);
            int q = p;
            // whole longs first (the buffer position is always item-aligned and item divides 8)
            while (q + 8 <= lim && buf.getLong(q) == 0) q += 8;
            while (q + item <= lim && isZero(q)) q += item;
            skipped += (q - p) / item;
            buf.position(q);
            if (q < lim || q < buf.limit()) return skipped; // a non-zero element, or max reached
        }
        return skipped;
    }

    private boolean isZero(int at) {
        for (int j = 0; j < item; j++) if (buf.get(at + j) != 0) return false;
        return true;
    }

    /** Checks that the stream ends with the data, then runs {@code end}. */
    void finish(EndCheck end) throws IOException, FormatException {
        try {
            if (in.read() != -1) {
                throw new FormatException(source, "byte " + (dataStart + count * item), "the end of the array data", "more bytes than declared");
            }
        } catch (IOException e) {
            throw damaged(damage, e);
        } catch (RuntimeException e) {
            throw damaged(damage, e);
        }
        if (end != null) end.check();
    }

    private void fill() throws IOException, FormatException {
        long left = count * item - consumed;
        if (left <= 0) throw new IllegalStateException(source + ": read past the last of " + count + " elements");
        int want = (int) Math.min(BUFFER_BYTES, left);
        int got;
        try {
            got = in.readNBytes(buf.array(), 0, want);
        } catch (IOException e) {
            throw damaged(damage, e);
        } catch (RuntimeException e) {
            throw damaged(damage, e);
        }
        if (got < want) {
            throw new FormatException(source, "byte " + (dataStart + consumed + got), count * item + " data bytes",
                    (consumed + got) + " (data truncated)");
        }
        consumed += got;
        buf.position(0).limit(got);
    }

    private static <E extends Exception> E damaged(Damage damage, E e) throws FormatException {
        if (damage != null) {
            FormatException f = damage.of(e);
            if (f != null) throw f;
        }
        return e;
    }

    static long cells(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d == 0) return 0;
        }
        for (int d : shape) {
            // dimensions are below 2^31, so saturating at Long.MAX_VALUE keeps the comparison with a limit right
            if (n > Long.MAX_VALUE / d) return Long.MAX_VALUE;
            n *= d;
        }
        return n;
    }

    /** The exact cell count, even beyond a long (for the message about a shape that is far too large). */
    static String cellsText(int[] shape) {
        BigInteger n = BigInteger.ONE;
        for (int d : shape) n = n.multiply(BigInteger.valueOf(d));
        return n.toString();
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }
}
