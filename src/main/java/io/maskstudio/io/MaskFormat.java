package io.maskstudio.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The mask file formats, told apart by file extension. */
public enum MaskFormat {
    NPY(".npy", "NumPy array"),
    NPZ(".npz", "NumPy archive or SciPy sparse matrix"),
    MTX(".mtx", "Matrix Market"),
    CSV(".csv", "CSV 0/1 matrix or out,in edge list"),
    PNG(".png", "black/white image"),
    SAFETENSORS(".safetensors", "safetensors");

    private final String extension;
    private final String description;

    MaskFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    /** Lower case, with the dot: {@code ".npy"}. */
    public String extension() { return extension; }

    /** For file choosers: {@code "NumPy array (*.npy)"}. */
    public String description() { return description + " (*" + extension + ")"; }

    public static Optional<MaskFormat> of(Path file) {
        Path name = file.getFileName();
        if (name == null) return Optional.empty();
        String n = name.toString().toLowerCase(Locale.ROOT);
        for (MaskFormat f : values()) if (n.endsWith(f.extension)) return Optional.of(f);
        return Optional.empty();
    }

    static String list() {
        StringBuilder b = new StringBuilder();
        for (MaskFormat f : values()) b.append(b.length() == 0 ? "" : " ").append(f.extension);
        return b.toString();
    }
}
