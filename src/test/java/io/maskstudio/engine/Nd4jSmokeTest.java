package io.maskstudio.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Nd4jSmokeTest {
    @Test
    void gemmRunsOnTheNativeBackend() {
        INDArray a = Nd4j.createFromArray(new float[][]{{1, 2}, {3, 4}});
        INDArray c = a.mmul(a);
        assertEquals(22f, c.getFloat(1, 1));
    }
}
