package io.maskstudio.engine.sparse;

import io.maskstudio.engine.Benchmarks;
import io.maskstudio.engine.KernelType;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one RigL mask update costs on one masked layer beside a training step of it, and the heap it needs: the
 * figure behind {@code bench rigl} and docs/sparse-training.md's scale claim (the 100,000 x 100,000 layer at 0.01%
 * updates in the 1 GB heap it trains in, because the dense gradient is streamed in blocks into a top-k).
 */
public final class RiglUpdateBenchmark {
    private RiglUpdateBenchmark() {}

    /**
     * @param stepMs    median wall time of a training step (forward, backward, Adam)
     * @param updateMs  wall time of the update: drop by |w|, the dense gradient's top-k over absent cells, setMask
     * @param replaced  connections dropped and regrown
     * @param heapPeakMb the heap's peak use over the whole measurement (all pools, after a GC at the start)
     */
    public record Result(KernelType kernel, long connections, int batch, double stepMs, double updateMs, long replaced, double heapPeakMb,
                         double heapMaxMb) {}

    public static Result run(int in, int out, double density, int batch, double dropFraction, long seed) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Mask mask = Benchmarks.randomMask(out, in, density, seed);
        List<LayerSpec> layers = List.of(LayerSpec.vector("in", in, Activation.IDENTITY), LayerSpec.vector("out", out, Activation.SOFTMAX));
        NetworkDesign design = new NetworkDesign(layers, List.of(mask), TrainingSettings.defaults("bench"));
        MaskedNetwork net = new MaskedNetwork(design, DataType.FLOAT, "adam", 1e-3, 0, seed, KernelType.AUTO);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[batch * in];
        for (int k = 0; k < x.length; k++) x[k] = (float) (rng.nextDouble() * 2 - 1);
        INDArray input = net.toArray(x, batch, in);
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) labels[b] = rng.nextInt(out);
        double[] steps = new double[3];
        net.trainBatch(input, labels, 0); // warm-up
        for (int s = 0; s < steps.length; s++) {
            long t0 = System.nanoTime();
            net.trainBatch(input, labels, 0);
            Nd4j.getExecutioner().commit();
            steps[s] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(steps);
        long before = net.layer(0).connections();
        // One update at the first update step, where RigL's cosine fraction is still (almost) the full ζ.
        DropGrowMethod rigl = DropGrowMethod.rigl(net, dropFraction, 1, Long.MAX_VALUE / 2, seed);
        long t0 = System.nanoTime();
        String what = rigl.afterStep(1, net).orElse("");
        double updateMs = (System.nanoTime() - t0) / 1e6;
        if (net.layer(0).connections() != before) throw new IllegalStateException("the update changed the connection count: " + what);
        long replaced = Math.round(rigl.dropFractionAt(1) * before);
        double peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
        return new Result(net.layer(0).kernelType(), before, batch, steps[1], updateMs, replaced, peak, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
