package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The two ways a graph file spells a mask: one string of '0'/'1' per output neuron, or the row-major
 * bits packed most-significant-bit first (NumPy's {@code np.packbits} order), base64-encoded, with a CRC32.
 * In Python: {@code np.unpackbits(np.frombuffer(base64.b64decode(s), np.uint8))[:out*in].reshape(out, in)}.
 */
final class MaskEncoding {
    private MaskEncoding() {}

    static String row(Mask m, int out) {
        char[] c = new char[m.cols()];
        Arrays.fill(c, '0');
        m.forEachInRow(out, i -> c[i] = '1');
        return new String(c);
    }

    static byte[] pack(Mask m) {
        byte[] b = new byte[(int) packedLength(m.rows(), m.cols())];
        for (int o = 0; o < m.rows(); o++) {
            long base = (long) o * m.cols();
            m.forEachInRow(o, i -> {
                long k = base + i;
                b[(int) (k >>> 3)] |= (byte) (0x80 >>> (k & 7));
            });
        }
        return b;
    }

    /** Unpacks {@code rows x cols} bits; the caller has checked the length. Padding bits are ignored. */
    static Mask unpack(byte[] b, int rows, int cols) {
        Mask m = new Mask(rows, cols);
        long k = 0;
        for (int o = 0; o < rows; o++) {
            for (int i = 0; i < cols; i++, k++) {
                if ((b[(int) (k >>> 3)] & (0x80 >>> (k & 7))) != 0) m.set(o, i, true);
            }
        }
        return m;
    }

    static long packedLength(int rows, int cols) {
        return ((long) rows * cols + 7) / 8;
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String crc32Hex(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return String.format("%08x", crc.getValue());
    }
}
