package io.maskstudio.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link MaskedLinear} computes. All kernels give the same results (to float rounding) and keep
 * the mask semantics exactly; they differ in speed and memory. {@link #AUTO} picks per layer from
 * its size and density ({@link KernelSelector}).
 */
public enum KernelType {
    AUTO,
    /** ND4J GEMMs on the dense masked matrix with preallocated buffers: large, dense-ish layers (and CUDA). */
    DENSE,
    /** Plain-Java compressed sparse rows: time and memory proportional to the connections (nnz). */
    CSR,
    /** Plain-Java dense loops without native calls: small layers, where per-call overhead dominates. */
    SMALL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every id, in declaration order: for help texts and error messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(KernelType::id).toList();
    }

    public static KernelType parse(String s) {
        for (KernelType k : values()) if (k.id().equalsIgnoreCase(s.trim())) return k;
        throw new IllegalArgumentException("unknown kernel '" + s + "', expected one of " + String.join(", ", ids()));
    }
}
