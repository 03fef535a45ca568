package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

/** Small random networks and data for engine tests. */
final class EngineFixtures {
    private EngineFixtures() {}

    static Mask randomMask(int rows, int cols, double density, Random r) {
        Mask m = new Mask(rows, cols);
        for (int o = 0; o < rows; o++) {
            for (int i = 0; i < cols; i++) if (r.nextDouble() < density) m.set(o, i, true);
            m.set(o, r.nextInt(cols), true); // no neuron without input
        }
        return m;
    }

    /** in -> hidden (activation) -> hidden2 (activation) -> classes, random masks of the given density. */
    static NetworkDesign design(int in, int hidden, int classes, Activation hiddenAct, double density, long seed, String optimizer, double wd) {
        Random r = new Random(seed);
        List<LayerSpec> layers = List.of(
                LayerSpec.vector("in", in, Activation.IDENTITY),
                LayerSpec.vector("h1", hidden, hiddenAct),
                LayerSpec.vector("h2", hidden, hiddenAct),
                LayerSpec.vector("out", classes, Activation.SOFTMAX));
        List<Mask> masks = List.of(randomMask(hidden, in, density, r), randomMask(hidden, hidden, density, r), randomMask(classes, hidden, density, r));
        TrainingSettings s = new TrainingSettings("synthetic", optimizer, 0.01, 8, 1, wd, seed, 0.2);
        return new NetworkDesign(layers, masks, s);
    }

    static INDArray randomInput(int rows, int cols, DataType dtype, long seed) {
        Random r = new Random(seed);
        double[] d = new double[rows * cols];
        for (int k = 0; k < d.length; k++) d[k] = r.nextGaussian();
        return Nd4j.createFromArray(d).reshape('c', rows, cols).castTo(dtype);
    }

    static int[] randomLabels(int rows, int classes, long seed) {
        Random r = new Random(seed);
        int[] y = new int[rows];
        for (int k = 0; k < rows; k++) y[k] = r.nextInt(classes);
        return y;
    }
}
