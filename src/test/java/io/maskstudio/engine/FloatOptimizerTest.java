package io.maskstudio.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plain-Java optimizer math equals ND4J's updaters (to 1e-5) over many steps, state included. */
class FloatOptimizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "adam", "adamw", "rmsprop"})
    void matchesNd4jUpdaterStepByStep(String name) {
        int n = 257;
        IUpdater config = Optimizers.create(name, 0.01);
        long stateSize = config.stateSize(n);
        INDArray nd4jState = stateSize > 0 ? Nd4j.zeros(DataType.FLOAT, 1, stateSize) : null;
        GradientUpdater<?> nd4j = config.instantiate(nd4jState, true);
        FloatOptimizer java = FloatOptimizer.of(config);
        float[][] javaState = java.newState(n);
        assertEquals(stateSize, (long) java.stateChunks() * n, "state size");

        Random r = new Random(42);
        float[] paramJava = new float[n];
        for (int j = 0; j < n; j++) paramJava[j] = (float) r.nextGaussian();
        INDArray paramNd4j = Nd4j.createFromArray(paramJava.clone()).reshape(1, n);
        for (int it = 0; it < 50; it++) {
            float[] g = new float[n];
            for (int j = 0; j < n; j++) g[j] = (float) (r.nextGaussian() * Math.pow(10, -r.nextInt(4)));
            if (it % 7 == 0) g[3] = 0f; // exact zeros, as on absent connections
            INDArray gNd4j = Nd4j.createFromArray(g.clone()).reshape(1, n);
            nd4j.applyUpdater(gNd4j, it, 0);
            paramNd4j.subi(gNd4j);
            java.apply(paramJava, g, javaState, n, it);
            float[] expectedUpdate = gNd4j.toFloatVector();
            float[] expectedParam = paramNd4j.toFloatVector();
            for (int j = 0; j < n; j++) {
                assertEquals(expectedUpdate[j], g[j], 1e-5 * Math.max(1e-3, Math.abs(expectedUpdate[j])) + 1e-9, name + " update[" + j + "] at step " + it);
                assertEquals(expectedParam[j], paramJava[j], 1e-5 * Math.max(1, Math.abs(expectedParam[j])), name + " param[" + j + "] at step " + it);
            }
        }
        if (nd4jState != null) {
            float[] s = nd4jState.toFloatVector();
            for (int c = 0; c < java.stateChunks(); c++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(s[c * n + j], javaState[c][j], 1e-5 * Math.max(1e-3, Math.abs(s[c * n + j])), name + " state chunk " + c + "[" + j + "]");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "adam", "adamw", "rmsprop"})
    void freshStateEqualsNd4jInitialState(String name) {
        IUpdater config = Optimizers.create(name, 0.01);
        long stateSize = config.stateSize(5);
        if (stateSize == 0) return;
        INDArray s = Nd4j.zeros(DataType.FLOAT, 1, stateSize);
        config.instantiate(s, true);
        float[][] java = FloatOptimizer.of(config).newState(5);
        float[] expected = s.toFloatVector();
        for (int c = 0; c < java.length; c++) for (int j = 0; j < 5; j++) assertEquals(expected[c * 5 + j], java[c][j]);
    }
}
