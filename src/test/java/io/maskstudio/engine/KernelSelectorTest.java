package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelSelectorTest {

    @Test
    void autoPicksByShapeDensityAndPrecision() {
        assertEquals(KernelType.SMALL, KernelSelector.choose(32, 64, 2048, DataType.FLOAT), "small layer");
        assertEquals(KernelType.DENSE, KernelSelector.choose(4096, 4096, 4096L * 4096, DataType.FLOAT), "large dense layer");
        assertEquals(KernelType.CSR, KernelSelector.choose(4096, 4096, 4096L * 41, DataType.FLOAT), "large layer at 1%");
        assertEquals(KernelType.CSR, KernelSelector.choose(100_000, 100_000, 1_000_000, DataType.FLOAT), "too large for a dense matrix");
        assertEquals(KernelType.DENSE, KernelSelector.choose(32, 64, 2048, DataType.DOUBLE), "plain-Java kernels are float32");
        assertEquals(KernelType.CSR, KernelSelector.choose(100_000, 100_000, 1_000_000, DataType.DOUBLE), "no dense option at that size");
    }

    @Test
    void explicitJavaKernelsRefuseDoublePrecision() {
        Mask m = Mask.full(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new MaskedLinear(m, Activation.RELU, DataType.DOUBLE, Optimizers.create("sgd", 0.1), new SplittableRandom(1), KernelType.CSR));
        assertEquals("the csr kernel computes in float32; use the dense kernel for DOUBLE", e.getMessage());
    }

    @Test
    void kernelNamesParse() {
        for (KernelType k : KernelType.values()) assertEquals(k, KernelType.parse(k.id()));
        assertThrows(IllegalArgumentException.class, () -> KernelType.parse("gpu"));
    }
}
