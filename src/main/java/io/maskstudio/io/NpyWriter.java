package io.maskstudio.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes {@code .npy} version 1.0 files as NumPy does: little-endian, C order, the header dict padded with
 * spaces and a newline so that the data starts at a multiple of 64 bytes.
 */
public final class NpyWriter {
    private static final Set<NpyDtype> WRITABLE = EnumSet.of(NpyDtype.BOOL, NpyDtype.INT64, NpyDtype.FLOAT32, NpyDtype.FLOAT64);

    private NpyWriter() {}

    public static void write(Path file, NpyArray array) throws IOException {
        checkWritable(array);
        AtomicFiles.write(file, out -> write(out, array));
    }

    public static byte[] toBytes(NpyArray array) {
        checkWritable(array);
        ByteArrayOutputStream b = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, 128 + array.size() * array.dtype().itemSize()));
        try {
            write(b, array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    public static void write(OutputStream out, NpyArray array) throws IOException {
        checkWritable(array);
        out.write(header(array));
        if (!array.fortranOrder() && (array.byteOrder() == ByteOrder.LITTLE_ENDIAN || array.dtype().itemSize() == 1)) {
            out.write(array.rawBytes());
            return;
        }
        // re-lay Fortran or big-endian data as little-endian C order, in chunks
        int item = array.dtype().itemSize();
        ByteBuffer buf = ByteBuffer.allocate(8192 * item).order(ByteOrder.LITTLE_ENDIAN);
        long[] longs = array.dtype() == NpyDtype.INT64 ? array.toLongs() : null;
        for (long k = 0; k < array.size(); k++) {
            switch (array.dtype()) {
                case BOOL -> buf.put((byte) (array.getDouble(k) != 0 ? 1 : 0));
                case INT64 -> buf.putLong(longs[(int) k]);
                case FLOAT32 -> buf.putFloat((float) array.getDouble(k));
                default -> buf.putDouble(array.getDouble(k));
            }
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    static byte[] header(NpyArray array) {
        String descr = (array.dtype().itemSize() == 1 ? "|" : "<") + array.dtype().code(); // we always write little-endian
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + NpyArray.shapeString(array.shape()) + ", }";
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

    private static void checkWritable(NpyArray array) {
        if (!WRITABLE.contains(array.dtype())) {
            throw new IllegalArgumentException("we write bool, int64, float32 and float64 arrays, not " + array.descr());
        }
    }
}
