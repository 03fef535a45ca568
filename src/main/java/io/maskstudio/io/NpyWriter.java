package io.maskstudio.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes {@code .npy} version 1.0 files as NumPy does, for every dtype we read: little-endian, C order, the header dict padded with
 * spaces and a newline so that the data starts at a multiple of 64 bytes.
 */
public final class NpyWriter {
    private NpyWriter() {}

    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    public static byte[] toBytes(NpyArray array) {
        ByteArrayOutputStream b = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, 128 + array.size() * array.dtype().itemSize()));
        try {
            write(b, array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array));
        out.write(array.littleEndianCOrder()); // Fortran or big-endian input is re-laid as little-endian C order
    }

    /** A scalar byte string ({@code |S3}), as SciPy stores a sparse matrix's format name. */
    static byte[] shortStringBytes(String ascii) {
        byte[] text = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] h = header("|S" + text.length, "()");
        byte[] out = Arrays.copyOf(h, h.length + text.length);
        System.arraycopy(text, 0, out, h.length, text.length);
        return out;
    }

    static byte[] header(NpyArray array) {
        String descr = (array.dtype().itemSize() == 1 ? "|" : "<") + array.dtype().code(); // we always write little-endian
        return header(descr, NpyArray.shapeString(array.shape()));
    }

    private static byte[] header(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1; // magic(6) version(2) length(2) dict newline
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] h = text.getBytes(StandardCharsets.US_ASCII);
        if (h.length > 0xFFFF) throw new IllegalArgumentException("header too long for format 1.0: " + h.length + " bytes");
        byte[] out = new byte[10 + h.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) h.length;
        out[9] = (byte) (h.length >>> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }

}
