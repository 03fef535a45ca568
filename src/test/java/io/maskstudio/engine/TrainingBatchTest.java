package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MaskedNetwork#trainingBatch} reuses its buffers from batch to batch: each batch still holds exactly its own
 * rows (also when the last batch of an epoch is smaller), and training on reused buffers is bit for bit training on
 * fresh ones.
 */
class TrainingBatchTest {
    private static final int FEATURES = 12;
    private static final int ROWS = 40;

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"DENSE", "CSR", "SMALL"})
    void eachBatchHoldsItsOwnRows(KernelType kernel) {
        MaskedNetwork net = network(kernel);
        float[] data = data();
        SplittableRandom rnd = new SplittableRandom(4);
        for (int size : new int[]{8, 8, 5, 8}) {
            int[] rows = rnd.ints(size, 0, ROWS).toArray();
            Batch b = net.trainingBatch(data, FEATURES, rows);
            assertEquals(size, b.rows);
            float[][] f = b.byFeature();
            INDArray a = b.array(DataType.FLOAT);
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < FEATURES; c++) {
                    float expected = data[rows[r] * FEATURES + c];
                    assertEquals(expected, f[c][r], "feature " + c + " of row " + r);
                    assertEquals(expected, a.getFloat(r, c), "array [" + r + "," + c + "]");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"DENSE", "CSR", "SMALL"})
    void trainingOnReusedBuffersIsTrainingOnFreshOnes(KernelType kernel) {
        MaskedNetwork reused = network(kernel);
        MaskedNetwork fresh = network(kernel);
        float[] data = data();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int s = 0; s < 12; s++) {
            int[] rows = rnd.ints(s % 4 == 3 ? 5 : 8, 0, ROWS).toArray();
            int[] labels = new int[rows.length];
            for (int r = 0; r < rows.length; r++) labels[r] = rows[r] % 3;
            double a = reused.trainBatch(reused.trainingBatch(data, FEATURES, rows), labels, 0).loss();
            double b = fresh.trainBatch(fresh.batch(data, FEATURES, rows), labels, 0).loss();
            assertEquals(b, a, 0.0, "loss at step " + s);
        }
        assertEquals(0, Arrays.compare(fresh.layer(0).weights(), reused.layer(0).weights()), "first layer's weights");
    }

    private static MaskedNetwork network(KernelType kernel) {
        NetworkDesign d = EngineFixtures.design(FEATURES, 10, 3, Activation.RELU, 0.5, 21, "adam", 0);
        return new MaskedNetwork(d, DataType.FLOAT, "adam", 0.01, 0, 5, kernel);
    }

    private static float[] data() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[ROWS * FEATURES];
        for (int k = 0; k < x.length; k++) x[k] = (float) rnd.nextGaussian();
        return x;
    }
}
