package io.maskstudio.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * An n-dimensional array as stored in a {@code .npy} file: element type, byte order, shape, memory
 * order and the raw element bytes. Accessors take the logical row-major (C-order) index, so Fortran-order
 * data reads the same as C-order data of the same values; {@link #fortranOrder()} only says how the
 * bytes happen to be laid out.
 */
public final class NpyArray {
    private final NpyDtype dtype;
    private final ByteOrder byteOrder;
    private final int[] shape;
    private final boolean fortranOrder;
    private final ByteBuffer data;
    private final long size;
    private final long[] fortranStrides; // element strides of a Fortran layout, null for C layout

    /** Wraps raw element bytes; {@code data.length} must be {@code product(shape) * itemSize}. */
    public NpyArray(NpyDtype dtype, ByteOrder byteOrder, int[] shape, boolean fortranOrder, byte[] data) {
        this.dtype = dtype;
        this.byteOrder = byteOrder;
        this.shape = shape.clone();
        this.fortranOrder = fortranOrder;
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n * dtype.itemSize() != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype.code() + " needs "
                    + n * dtype.itemSize() + " bytes, got " + data.length);
        }
        this.size = n;
        this.data = ByteBuffer.wrap(data).order(byteOrder);
        if (fortranOrder && shape.length > 1) {
            fortranStrides = new long[shape.length];
            long stride = 1;
            for (int d = 0; d < shape.length; d++) {
                fortranStrides[d] = stride;
                stride *= shape[d];
            }
        } else {
            fortranStrides = null;
        }
    }

    public static NpyArray ofBooleans(boolean[] values, int... shape) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < values.length; k++) b[k] = (byte) (values[k] ? 1 : 0);
        return new NpyArray(NpyDtype.BOOL, ByteOrder.LITTLE_ENDIAN, shape, false, b);
    }

    public static NpyArray ofFloats(float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT32, ByteOrder.LITTLE_ENDIAN, shape, false, b.array());
    }

    public static NpyArray ofDoubles(double[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT64, ByteOrder.LITTLE_ENDIAN, shape, false, b.array());
    }

    public static NpyArray ofInts(int[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyDtype.INT32, ByteOrder.LITTLE_ENDIAN, shape, false, b.array());
    }

    public static NpyArray ofLongs(long[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyDtype.INT64, ByteOrder.LITTLE_ENDIAN, shape, false, b.array());
    }

    public NpyDtype dtype() { return dtype; }
    public ByteOrder byteOrder() { return byteOrder; }
    public int[] shape() { return shape.clone(); }
    public int ndim() { return shape.length; }
    public int dim(int axis) { return shape[axis]; }
    public boolean fortranOrder() { return fortranOrder; }
    /** Number of elements. */
    public long size() { return size; }

    /** NumPy's dtype string, e.g. {@code "<f4"} or {@code "|b1"}. */
    public String descr() {
        char order = dtype.itemSize() == 1 ? '|' : byteOrder == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return order + dtype.code();
    }

    /** A copy of the raw element bytes in storage order and byte order. */
    public byte[] rawBytes() {
        return data.array().clone();
    }

    /** The elements in C order, each little-endian: the layout of NumPy's default and of safetensors. */
    byte[] littleEndianCOrder() {
        boolean swap = byteOrder == ByteOrder.BIG_ENDIAN && dtype.itemSize() > 1;
        if (fortranStrides == null && !swap) return data.array().clone();
        int item = dtype.itemSize();
        byte[] out = new byte[checkedSize() * item];
        for (long k = 0; k < size; k++) {
            int from = byteOffset(k);
            int to = (int) k * item;
            for (int j = 0; j < item; j++) out[to + j] = data.get(from + (swap ? item - 1 - j : j));
        }
        return out;
    }

    /** Element at row-major index {@code index} as a double (bool is 0/1, unsigned values are unsigned). */
    public double getDouble(long index) {
        int at = byteOffset(index);
        return switch (dtype) {
            case BOOL -> data.get(at) != 0 ? 1 : 0;
            case INT8 -> data.get(at);
            case UINT8 -> data.get(at) & 0xFF;
            case INT16 -> data.getShort(at);
            case UINT16 -> data.getShort(at) & 0xFFFF;
            case INT32 -> data.getInt(at);
            case UINT32 -> data.getInt(at) & 0xFFFFFFFFL;
            case INT64 -> data.getLong(at);
            case UINT64 -> unsignedToDouble(data.getLong(at));
            case FLOAT16 -> halfToFloat(data.getShort(at));
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
        };
    }

    /** Row-major values as floats (the natural type of weights and inputs). */
    public float[] toFloats() {
        float[] out = new float[checkedSize()];
        for (int k = 0; k < out.length; k++) out[k] = (float) getDouble(k);
        return out;
    }

    public double[] toDoubles() {
        double[] out = new double[checkedSize()];
        for (int k = 0; k < out.length; k++) out[k] = getDouble(k);
        return out;
    }

    /** Row-major values as longs; only for integer and bool arrays (uint64 above 2^63 wraps). */
    public long[] toLongs() {
        if (dtype.isFloat()) throw new IllegalStateException("array is " + descr() + ", not an integer array");
        long[] out = new long[checkedSize()];
        for (int k = 0; k < out.length; k++) {
            out[k] = dtype == NpyDtype.INT64 || dtype == NpyDtype.UINT64 ? data.getLong(byteOffset(k)) : (long) getDouble(k);
        }
        return out;
    }

    /** Row-major values as booleans: non-zero is true. */
    public boolean[] toBooleans() {
        boolean[] out = new boolean[checkedSize()];
        for (int k = 0; k < out.length; k++) out[k] = getDouble(k) != 0;
        return out;
    }

    /** Same dtype, byte order, shape and values (memory order may differ). */
    public boolean sameContent(NpyArray o) {
        if (dtype != o.dtype || !Arrays.equals(shape, o.shape)) return false;
        int item = dtype.itemSize();
        for (long k = 0; k < size; k++) {
            int a = byteOffset(k);
            int b = o.byteOffset(k);
            for (int j = 0; j < item; j++) {
                int bj = byteOrder == o.byteOrder ? j : item - 1 - j;
                if (data.get(a + j) != o.data.get(b + bj)) return false;
            }
        }
        return true;
    }

    /** NumPy's way of printing a shape: {@code (3,)}, {@code (2, 4)}, {@code ()}. */
    public static String shapeString(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int d : shape) j.add(Integer.toString(d));
        return j.toString();
    }

    @Override
    public String toString() {
        return "NpyArray[" + descr() + " " + shapeString(shape) + (fortranOrder ? " fortran" : "") + "]";
    }

    private int checkedSize() {
        // the byte[] bound already keeps size below 2^31 for every dtype
        return (int) size;
    }

    /** Byte offset of the element at logical row-major index, honouring Fortran layout. */
    private int byteOffset(long index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index + " outside [0," + size + ")");
        long storage = index;
        if (fortranStrides != null) {
            storage = 0;
            long rest = index;
            for (int d = shape.length - 1; d >= 0; d--) {
                storage += (rest % shape[d]) * fortranStrides[d];
                rest /= shape[d];
            }
        }
        return (int) (storage * dtype.itemSize());
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
