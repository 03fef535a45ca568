package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .npy} files (format versions 1.0, 2.0 and 3.0) with our own header parser.
 * The declared shape is checked against the bytes actually present and against a size limit before
 * any element buffer is allocated; every problem is a {@link FormatException}.
 */
public final class NpyReader {
    /**
     * Largest element buffer {@link #read} allocates by default (1 GiB), for arrays that are kept whole (weights,
     * inputs). Masks do not go through it: {@link #readMask} streams, bounded by cells instead.
     */
    public static final long DEFAULT_MAX_DATA_BYTES = 1L << 30;
    /** NumPy itself refuses headers above 10000 bytes by default; we allow a little more. */
    static final int MAX_HEADER_BYTES = 1 << 16;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {}

    public static NpyArray read(Path file) throws IOException, FormatException {
        return read(file, DEFAULT_MAX_DATA_BYTES);
    }

    public static NpyArray read(Path file, long maxDataBytes) throws IOException, FormatException {
        long length = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(file.toString(), in, length, maxDataBytes);
        }
    }

    /**
     * Reads a 2-D array as a mask, streaming its data so memory is the mask's own (not the file's); the size
     * limit is {@link MaskReadOptions#maxCells()} cells whatever the dtype.
     */
    public static Mask readMask(Path file, MaskReadOptions opts) throws IOException, FormatException {
        long length = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            NpyElements e = NpyElements.open(file.toString(), in, length, opts.maxCells(), null);
            return MaskFiles.fromElements(e, opts, null);
        }
    }

    /** Parses a whole {@code .npy} file held in memory. */
    public static NpyArray read(String source, byte[] bytes) throws FormatException {
        try {
            return read(source, new ByteArrayInputStream(bytes), bytes.length, DEFAULT_MAX_DATA_BYTES);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
    }

    /**
     * Reads one array from {@code in}, which must hold exactly {@code totalBytes} bytes (the file size,
     * or a zip entry's declared size: a stream that turns out longer or shorter is an error).
     */
    public static NpyArray read(String source, InputStream in, long totalBytes, long maxDataBytes) throws IOException, FormatException {
        Header h = readHeader(source, in, totalBytes);
        NpyHeader header = h.header();
        long dataStart = h.dataStart();
        long dataBytes = dataBytes(source, header, maxDataBytes);
        long present = totalBytes - dataStart;
        if (present != dataBytes) {
            throw new FormatException(source, "byte " + dataStart, dataBytes + " data bytes for shape " + NpyArray.shapeString(header.shape())
                    + " of " + header.dtype().code(), present + (present < dataBytes ? " (file truncated or shape wrong)" : " (extra bytes after the data)"));
        }
        // readNBytes grows its buffer as bytes arrive, so a stream that lies about its length allocates little
        byte[] data = in.readNBytes((int) dataBytes);
        if (data.length < dataBytes) {
            throw new FormatException(source, "byte " + (dataStart + data.length), dataBytes + " data bytes", data.length + " (data truncated)");
        }
        if (in.read() != -1) {
            throw new FormatException(source, "byte " + (dataStart + dataBytes), "the end of the array data", "more bytes than declared");
        }
        return new NpyArray(header.dtype(), header.byteOrder(), header.shape(), header.fortranOrder(), data);
    }

    /** The parsed header and the offset where the element data starts. */
    record Header(NpyHeader header, long dataStart) {}

    /** Reads and parses the magic, version and header dict, leaving {@code in} at the first data byte. */
    static Header readHeader(String source, InputStream in, long totalBytes) throws IOException, FormatException {
        HeaderText h = readHeaderText(source, in, totalBytes);
        return new Header(NpyHeader.parse(source, h.text(), h.textStart()), h.dataStart());
    }

    private static final Pattern SHORT_STRING = Pattern.compile("([|<>=]?)([SU])(\\d{1,2})");

    /**
     * Reads a scalar byte string ({@code |S3}) or unicode string ({@code <U3}) of at most 99 characters, such as
     * the {@code format} entry of a SciPy sparse {@code .npz}. Only this tiny, fixed-size case is accepted.
     */
    static String readShortString(String source, InputStream in, long totalBytes) throws IOException, FormatException {
        HeaderText h = readHeaderText(source, in, totalBytes);
        NpyHeader.Fields f = NpyHeader.parseFields(source, h.text(), h.textStart());
        Matcher m = SHORT_STRING.matcher(f.descr());
        if (!m.matches() || f.shape().length != 0) {
            throw new FormatException(source, "descr", "a short text scalar such as '|S3'", "'" + f.descr() + "' of shape " + NpyArray.shapeString(f.shape()));
        }
        boolean unicode = m.group(2).equals("U");
        int chars = Integer.parseInt(m.group(3));
        int bytes = unicode ? 4 * chars : chars;
        if (totalBytes - h.dataStart() != bytes) {
            throw new FormatException(source, "byte " + h.dataStart(), bytes + " data bytes for " + f.descr(), (totalBytes - h.dataStart()) + "");
        }
        byte[] data = in.readNBytes(bytes);
        if (data.length < bytes) throw new FormatException(source, "byte " + h.dataStart(), bytes + " data bytes", data.length + " (data truncated)");
        String s = unicode
                ? new String(data, m.group(1).equals(">") ? "UTF-32BE" : "UTF-32LE")
                : new String(data, StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == 0) end--; // NumPy pads with NULs
        return s.substring(0, end);
    }

    private record HeaderText(String text, int textStart, long dataStart) {}

    private static HeaderText readHeaderText(String source, InputStream in, long totalBytes) throws IOException, FormatException {
        byte[] prefix = in.readNBytes(10);
        if (prefix.length < 6 || !startsWithMagic(prefix)) {
            throw new FormatException(source, "byte 0", "the magic string \\x93NUMPY of a .npy file", describeBytes(prefix));
        }
        if (prefix.length < 10) throw new FormatException(source, "byte " + prefix.length, "a version and header length", "the end of the file");
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new FormatException(source, "byte 6", "format version 1.0, 2.0 or 3.0", "version " + major + "." + minor);
        }
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = (prefix[8] & 0xFF) | (prefix[9] & 0xFF) << 8;
            headerStart = 10;
        } else {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) throw new FormatException(source, "byte 10", "a 4-byte header length", "the end of the file");
            headerLength = (prefix[8] & 0xFFL) | (prefix[9] & 0xFFL) << 8 | (more[0] & 0xFFL) << 16 | (more[1] & 0xFFL) << 24;
            headerStart = 12;
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new FormatException(source, "byte 8", "a header length of at most " + MAX_HEADER_BYTES + " bytes", headerLength + " bytes");
        }
        if (headerStart + headerLength > totalBytes) {
            throw new FormatException(source, "byte " + headerStart, "a header of " + headerLength + " bytes",
                    Math.max(0, totalBytes - headerStart) + " bytes (file truncated)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new FormatException(source, "byte " + headerStart, "a header of " + headerLength + " bytes", headerBytes.length + " bytes (file truncated)");
        }
        // versions 1 and 2 use latin-1, version 3 UTF-8; the grammar we accept is ASCII either way
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new HeaderText(text, headerStart, headerStart + headerLength);
    }

    private static long dataBytes(String source, NpyHeader header, long maxDataBytes) throws FormatException {
        long limit = Math.min(maxDataBytes, Integer.MAX_VALUE - 8);
        long n = header.dtype().itemSize();
        for (int d : header.shape()) {
            if (d == 0) return 0;
        }
        for (int d : header.shape()) {
            n *= d;
            if (n > limit) {
                throw new FormatException(source, "shape", "at most " + limit + " data bytes",
                        NpyArray.shapeString(header.shape()) + " of " + header.dtype().code() + " (more than the limit)");
            }
        }
        return n;
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int k = 0; k < MAGIC.length; k++) if (b[k] != MAGIC[k]) return false;
        return true;
    }

    static String describeBytes(byte[] b) {
        if (b.length == 0) return "an empty file";
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < Math.min(b.length, 6); k++) s.append(k == 0 ? "" : " ").append(String.format("%02x", b[k] & 0xFF));
        return "bytes " + s;
    }
}
