package io.maskstudio.cli;

import io.maskstudio.data.Dataset;
import io.maskstudio.data.Split;
import io.maskstudio.engine.AddedConnectionInit;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Child-process half of {@link ReproducibilityAcrossProcessesTest}: trains a graph on the Trainer
 * thread the app uses, with a mask edit in mid-run (after a fixed number of single steps, so it lands
 * on the same batch in every run), and writes every layer's final weights and biases as raw float
 * bits to a file. Usage: {@code TrainerRunMain GRAPH SEED OUT_FILE}.
 */
public final class TrainerRunMain {
    private TrainerRunMain() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[2]);
        Files.write(out, train(Path.of(args[0]), Long.parseLong(args[1])));
        System.exit(0); // ND4J's non-daemon threads must not keep the child alive
    }

    /** The final parameters, every float's raw bits in layer order: equal bytes mean equal weights. */
    static byte[] train(Path graph, long seed) throws Exception {
        NetworkDesign design = GraphFile.read(graph);
        design.setSettings(design.settings().withSeed(seed).withEpochs(3).withBatchSize(16));
        Split split = Split.of(data(design), 0.25, seed);
        try (Trainer t = new Trainer(() -> {
            TrainingSession s = new TrainingSession(design.copy(), split, design.settings());
            s.network().setAddedConnectionInit(AddedConnectionInit.RANDOM); // the edit's new weights come from the seeded generator
            return s;
        }, 50)) {
            for (int k = 0; k < 5; k++) t.step();
            t.setMask(0, edited(design.mask(0)));
            t.start();
            Trainer.Progress p = t.awaitIdle(120, TimeUnit.SECONDS);
            if (p.state() != Trainer.State.FINISHED) throw new IllegalStateException("training did not finish: " + p);
            return bits(t.history().latest());
        }
    }

    /** A fixed synthetic problem with the graph's input and output sizes (independent of the seed). */
    private static Dataset data(NetworkDesign d) {
        int features = d.layer(0).size();
        int classes = d.layer(d.layerCount() - 1).size();
        int rows = 160;
        Random r = new Random(99);
        float[] x = new float[rows * features];
        int[] y = new int[rows];
        for (int k = 0; k < rows; k++) {
            y[k] = k % classes;
            for (int f = 0; f < features; f++) x[k * features + f] = (float) (r.nextGaussian() + (f % classes == y[k] ? 1.5 : 0));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) names.add("c" + c);
        return new Dataset("synthetic", rows, features, x, y, names, 0, 0);
    }

    /** Every third entry flipped: connections go, others come (with RANDOM weights). */
    static Mask edited(Mask m) {
        Mask e = m.copy();
        for (int o = 0; o < e.rows(); o++) for (int i = 0; i < e.cols(); i++) if ((o * 7 + i) % 3 == 0) e.set(o, i, !e.get(o, i));
        return e;
    }

    private static byte[] bits(TrainingSnapshot s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(s.epoch());
            for (LayerSnapshot l : s.layers()) {
                for (float v : l.weights()) out.writeInt(Float.floatToRawIntBits(v));
                for (float v : l.bias()) out.writeInt(Float.floatToRawIntBits(v));
            }
        }
        return bytes.toByteArray();
    }
}
