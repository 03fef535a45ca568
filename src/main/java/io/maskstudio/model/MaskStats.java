package io.maskstudio.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Summary numbers of one mask. Fan-in is per output neuron (row), fan-out per input neuron (column);
 * {@code outputsWithoutInput} counts rows with fan-in 0 and {@code inputsWithoutOutput} columns with fan-out 0.
 */
public record MaskStats(int rows, int cols, long nnz, double density,
                        int fanInMin, double fanInMean, int fanInMax,
                        int fanOutMin, double fanOutMean, int fanOutMax,
                        int outputsWithoutInput, int inputsWithoutOutput) {

    public static MaskStats of(Mask m) {
        int[] in = m.fanIns();
        int[] out = m.fanOuts();
        long nnz = m.nnz();
        return new MaskStats(m.rows(), m.cols(), nnz, m.density(),
                min(in), nnz / (double) m.rows(), max(in),
                min(out), nnz / (double) m.cols(), max(out),
                zeros(in), zeros(out));
    }

    /** One line, e.g. {@code [32x64] nnz 288 (14.1%), fan-in 9/9.0/9, fan-out 0/4.5/16, outputs without input: 0, inputs without output: 4}. */
    public String render() {
        return String.format(Locale.ROOT,
                "[%dx%d] nnz %d (%.1f%%), fan-in min/mean/max %d/%.1f/%d, fan-out %d/%.1f/%d, outputs without input: %d, inputs without output: %d",
                rows, cols, nnz, 100 * density, fanInMin, fanInMean, fanInMax, fanOutMin, fanOutMean, fanOutMax,
                outputsWithoutInput, inputsWithoutOutput);
    }

    /** Field name to number, in declaration order; ready for a JSON writer. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("cols", cols);
        m.put("nnz", nnz);
        m.put("density", density);
        m.put("fanInMin", fanInMin);
        m.put("fanInMean", fanInMean);
        m.put("fanInMax", fanInMax);
        m.put("fanOutMin", fanOutMin);
        m.put("fanOutMean", fanOutMean);
        m.put("fanOutMax", fanOutMax);
        m.put("outputsWithoutInput", outputsWithoutInput);
        m.put("inputsWithoutOutput", inputsWithoutOutput);
        return m;
    }

    private static int min(int[] a) {
        int v = Integer.MAX_VALUE;
        for (int x : a) v = Math.min(v, x);
        return v;
    }

    private static int max(int[] a) {
        int v = 0;
        for (int x : a) v = Math.max(v, x);
        return v;
    }

    private static int zeros(int[] a) {
        int n = 0;
        for (int x : a) if (x == 0) n++;
        return n;
    }
}
