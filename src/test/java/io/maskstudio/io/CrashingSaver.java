package io.maskstudio.io;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link CrashSafetyTest}: saves a graph file and a mask file over and over, generation
 * after generation, until it is killed. Each save is announced before it starts and after it returns, on stdout,
 * so the test knows which generations may be on disk when the kill lands.
 *
 * <pre>java -cp CLASSPATH io.maskstudio.io.CrashingSaver DIR FIRST_GENERATION</pre>
 */
public final class CrashingSaver {
    static final String GRAPH = "net.graph.json";
    static final String MASK = "mask.npy";
    /** 1200 x 1200 cells: a 1.4 MB .npy, and twice 0.24 MB of base64 bits in the graph file. */
    private static final int SIZE = 1200;

    private CrashingSaver() {}

    /** A different connection pattern for every generation, cheap to rebuild in the test. */
    static Mask mask(int generation, int salt) {
        Mask m = new Mask(SIZE, SIZE);
        int step = 3 + (generation + salt) % 5;
        for (int o = 0; o < SIZE; o++) m.setRowRange(o, (o * 7 + generation) % step, Math.min(SIZE, (o * 7 + generation) % step + SIZE / 2 + generation % 97),
                true);
        m.set(generation % SIZE, (generation * 31 + salt) % SIZE, !m.get(generation % SIZE, (generation * 31 + salt) % SIZE));
        return m;
    }

    static NetworkDesign design(int generation) {
        return new NetworkDesign(List.of(
                LayerSpec.vector("in", SIZE, Activation.IDENTITY),
                LayerSpec.vector("hidden-" + generation, SIZE, Activation.RELU),
                LayerSpec.vector("out", SIZE, Activation.SOFTMAX)),
                List.of(mask(generation, 1), mask(generation, 2)),
                SampleGraphs.digitsSettings());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (int g = Integer.parseInt(args[1]); ; g++) {
            NetworkDesign d = design(g);
            System.out.println("begin graph " + g);
            GraphFile.write(dir.resolve(GRAPH), d);
            System.out.println("done graph " + g);
            Mask m = mask(g, 0);
            System.out.println("begin mask " + g);
            MaskFormats.write(dir.resolve(MASK), m, MaskWriteOptions.defaults());
            System.out.println("done mask " + g);
        }
    }
}
