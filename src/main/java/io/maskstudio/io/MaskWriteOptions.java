package io.maskstudio.io;

/**
 * How to write a mask file.
 *
 * @param sparse {@code .npz}: SciPy CSR ({@code scipy.sparse.load_npz}) instead of a dense bool array;
 *               {@code .csv}: an edge list {@code out,in} instead of a dense 0/1 matrix. Other formats ignore it.
 * @param key    entry name in a dense {@code .npz} or {@code .safetensors}; PyTorch's pruning name by default
 */
public record MaskWriteOptions(boolean sparse, String key) {
    public static final String DEFAULT_KEY = "weight_mask";

    public MaskWriteOptions {
        if (key == null || key.isEmpty()) key = DEFAULT_KEY;
    }

    public static MaskWriteOptions defaults() {
        return new MaskWriteOptions(false, DEFAULT_KEY);
    }

    public MaskWriteOptions withSparse(boolean s) {
        return new MaskWriteOptions(s, key);
    }

    public MaskWriteOptions withKey(String k) {
        return new MaskWriteOptions(sparse, k);
    }
}
