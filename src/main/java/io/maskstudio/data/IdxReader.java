package io.maskstudio.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file (the format of MNIST, Fashion-MNIST, KMNIST, EMNIST), raw or gzip-compressed, of unsigned bytes.
 * {@link #open} reads and checks only the header, so a caller can compare counts of two files before reading
 * either's data; {@link #readData} then reads exactly the bytes the dims describe. Nothing is sized from the header
 * alone: a raw file's dims are checked against its size first, a gzip stream's data buffer grows with the bytes that
 * actually arrive. See docs/decisions/idx-reader.md.
 */
final class IdxReader implements AutoCloseable {
    /** The only element type MNIST-family files use. */
    static final int UNSIGNED_BYTE = 0x08;
    /** Data goes to one float[] later; this keeps it clear of the JVM's array size limit. */
    static final long MAX_VALUES = Integer.MAX_VALUE / 2;
    private static final int CHUNK = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final boolean gzip;
    private final long[] dims;
    private final long headerBytes;

    private IdxReader(Path file, InputStream in, boolean gzip, long[] dims) {
        this.file = file;
        this.in = in;
        this.gzip = gzip;
        this.dims = dims;
        this.headerBytes = 4 + 4L * dims.length;
    }

    /**
     * Opens {@code file} and checks its header: magic {@code 0x00 0x00}, dtype {@code 0x08}, {@code ndim} dims
     * ({@code what} says what they mean, for the message), none of them 0 except the first, and for a raw file
     * exactly as many data bytes as the dims need.
     */
    static IdxReader open(Path file, int ndim, String what) throws DataException {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), CHUNK);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (gzip) in = new BufferedInputStream(new GZIPInputStream(in, CHUNK), CHUNK);
            long[] dims = header(file, in, ndim, what);
            IdxReader reader = new IdxReader(file, in, gzip, dims);
            if (!gzip) reader.checkRawSize(Files.size(file));
            reader.checkSize();
            return reader;
        } catch (NoSuchFileException e) {
            closeQuietly(in);
            throw new DataException(file + ": file not found", e);
        } catch (EOFException e) {
            closeQuietly(in);
            throw new DataException(file + ": truncated gzip stream inside the IDX header; expected a complete file", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        } catch (DataException | RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** The dims as the header gives them (each an unsigned 32-bit count). */
    long dim(int i) {
        return dims[i];
    }

    /** Bytes of data the dims describe (saturating at Long.MAX_VALUE). */
    long dataBytes() {
        long n = 1;
        for (long d : dims) n = saturatingMultiply(n, d);
        return n;
    }

    /** "60000 x 28 x 28", as the messages show the dims. */
    String dimsText() {
        StringBuilder sb = new StringBuilder();
        for (long d : dims) sb.append(sb.length() == 0 ? "" : " x ").append(d);
        return sb.toString();
    }

    /** Reads the data: exactly {@link #dataBytes()} bytes, refusing a short file or stream and trailing bytes. */
    byte[] readData() throws DataException {
        long need = dataBytes();
        // A raw file's size was checked, so its buffer is the real data; a gzip stream's grows as bytes arrive.
        byte[] data = new byte[(int) (gzip ? Math.min(need, 1 << 20) : need)];
        int size = 0;
        try {
            while (size < need) {
                if (size == data.length) data = Arrays.copyOf(data, (int) Math.min(need, 2L * data.length));
                int n = in.read(data, size, (int) Math.min(data.length - size, CHUNK));
                if (n < 0) throw new DataException(file + ": truncated: the dims " + dimsText() + " need " + need
                        + " bytes of data, the " + (gzip ? "gzip stream" : "file") + " ends after " + size);
                size += n;
            }
            if (in.read() >= 0) {
                throw new DataException(file + ": trailing bytes after the " + need + " bytes of data that the dims "
                        + dimsText() + " describe; expected the " + (gzip ? "gzip stream" : "file") + " to end there");
            }
        } catch (EOFException e) {
            throw new DataException(file + ": truncated gzip stream (" + e.getMessage() + ") after " + size + " of the "
                    + need + " bytes of data that the dims " + dimsText() + " need; expected a complete .gz file", e);
        } catch (ZipException e) {
            throw new DataException(file + ": corrupt gzip data (" + e.getMessage() + ") after " + size + " bytes of data", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        return data;
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static long[] header(Path file, InputStream in, int ndim, String what) throws IOException, DataException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataException(file + ": " + magic.length + " bytes; expected an IDX file, at least a 4-byte magic number");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataException(file + ": bad magic " + hex(magic)
                    + "; expected an IDX file starting 0x00 0x00, then the dtype code and the number of dims");
        }
        int dtype = magic[2] & 0xFF;
        if (dtype != UNSIGNED_BYTE) {
            throw new DataException(file + ": unsupported dtype code " + String.format("0x%02X", dtype) + dtypeName(dtype)
                    + "; expected 0x08 (unsigned byte), as MNIST-family files use");
        }
        int found = magic[3] & 0xFF;
        if (found != ndim) {
            throw new DataException(file + ": " + found + " dims; expected " + ndim + " (" + what + ")");
        }
        byte[] raw = in.readNBytes(4 * ndim);
        if (raw.length < 4 * ndim) {
            throw new DataException(file + ": truncated header: " + raw.length + " of the " + 4 * ndim + " bytes of its " + ndim + " dims");
        }
        long[] dims = new long[ndim];
        for (int i = 0; i < ndim; i++) {
            dims[i] = ((raw[4 * i] & 0xFFL) << 24) | ((raw[4 * i + 1] & 0xFFL) << 16) | ((raw[4 * i + 2] & 0xFFL) << 8) | (raw[4 * i + 3] & 0xFFL);
        }
        for (int i = 1; i < ndim; i++) {
            if (dims[i] == 0) throw new DataException(file + ": dim " + (i + 1) + " is 0; expected image height and width of at least 1");
        }
        return dims;
    }

    private void checkRawSize(long fileSize) throws DataException {
        long need = dataBytes();
        long have = fileSize - headerBytes;
        if (have < need) {
            throw new DataException(file + ": truncated: the dims " + dimsText() + " need " + need + " bytes of data, the file holds "
                    + have + " after its " + headerBytes + "-byte header");
        }
        if (have > need) {
            throw new DataException(file + ": " + (have - need) + " trailing bytes after the " + need + " bytes of data that the dims "
                    + dimsText() + " describe; expected the file to end there");
        }
    }

    private void checkSize() throws DataException {
        if (dataBytes() > MAX_VALUES) {
            throw new DataException(file + ": the dims " + dimsText() + " describe " + dataBytes() + " values; expected at most "
                    + MAX_VALUES + " (2^30)");
        }
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static String dtypeName(int code) {
        return switch (code) {
            case 0x09 -> " (signed byte)";
            case 0x0B -> " (int16)";
            case 0x0C -> " (int32)";
            case 0x0D -> " (float32)";
            case 0x0E -> " (float64)";
            default -> " (not an IDX type)";
        };
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(sb.length() == 0 ? "" : " ").append(String.format("0x%02X", b & 0xFF));
        return sb.toString();
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing was written; a failed close of a reader loses nothing.
        }
    }
}
