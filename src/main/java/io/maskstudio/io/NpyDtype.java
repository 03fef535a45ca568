package io.maskstudio.io;

/**
 * The element types we read from {@code .npy} files: bool and plain numbers. Strings, objects and
 * structured dtypes are deliberately absent (objects would need unpickling, i.e. running code).
 */
public enum NpyDtype {
    BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), UINT16('u', 2), INT32('i', 4), UINT32('u', 4),
    INT64('i', 8), UINT64('u', 8), FLOAT16('f', 2), FLOAT32('f', 4), FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    public int itemSize() { return itemSize; }

    /** NumPy's type code without byte order: "b1", "u1", "f4", ... */
    public String code() { return "" + kind + itemSize; }

    public boolean isFloat() { return kind == 'f'; }

    public boolean isUnsigned() { return kind == 'u'; }

    /** The dtype for a kind letter and size, or null when we do not support it. */
    static NpyDtype of(char kind, int itemSize) {
        for (NpyDtype d : values()) if (d.kind == kind && d.itemSize == itemSize) return d;
        return null;
    }

    static String supportedList() {
        return "b1, i1, u1, i2, u2, i4, u4, i8, u8, f2, f4, f8";
    }
}
