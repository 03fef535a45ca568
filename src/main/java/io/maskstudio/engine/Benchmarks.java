package io.maskstudio.engine;

import io.maskstudio.data.Split;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The measurements behind {@code maskstudio bench} and docs/performance.md: full training steps
 * (forward, dW and dx products, optimizer) of one masked layer, and steps per second of a small
 * masked MLP. Inputs are prepared once in the form the kernel computes with, like the tensors of the
 * PyTorch script they are compared with (docs/bench_torch.py).
 */
public final class Benchmarks {
    private Benchmarks() {}

    /**
     * {@code gemmMs}: median ms of the SGEMM {@code [batch,in] x [in,out]} timed just before and just after the layer's
     * steps, the faster of the two ({@link #layer(int, int, int, double, KernelType, String, int, long, boolean)} with
     * {@code againstGemm}); NaN when not asked for.
     */
    public record LayerResult(KernelType kernel, long connections, int steps, double medianMs, double minMs, int batch, int in, int out,
                              double gemmMs) {
        /** The step's useful work: three products (forward, dW, dx) of 2 flops per connection and sample. */
        public double usefulGflops() {
            return 6.0 * connections * batch / (medianMs * 1e6);
        }

        /** The interleaved SGEMM's speed: 2 flops per multiply-add of {@code [batch,in] x [in,out]}. */
        public double gemmGflops() {
            return Benchmarks.gemmGflops(batch, in, out, gemmMs);
        }

        /** The step's useful work per second as a share of the SGEMM's (issue 14's "share of the peak"). */
        public double shareOfGemm() {
            return usefulGflops() / gemmGflops();
        }
    }

    /** {@code layerMs}: median ms of one training step of each layer alone, on the input the network hands it. */
    public record MlpResult(List<KernelType> kernels, int steps, double stepsPerSecond, List<Double> layerMs) {}

    /**
     * One point of the kernel grid: each kernel's fastest step (us), the fastest kernel, and what AUTO picks there
     * with the calibration in use. {@link #ratio} is the chosen kernel's time over the fastest's.
     */
    public record GridPoint(int in, int out, double density, int batch, long connections, double denseUs, double csrUs, double smallUs,
                            KernelType fastest, KernelType chosen) {
        public double us(KernelType k) {
            return switch (k) {
                case DENSE -> denseUs;
                case CSR -> csrUs;
                case SMALL -> smallUs;
                case AUTO -> throw new IllegalArgumentException("AUTO is not a kernel");
            };
        }

        public double ratio() {
            return us(chosen) / us(fastest);
        }
    }

    /**
     * Measures all three kernels (small only up to {@link KernelSelector#SMALL_MAX_WEIGHTS}) on one shape and
     * reports what AUTO would pick there. Each time is the fastest of a few steps after a short warm-up, the same
     * measure the calibration uses.
     */
    public static GridPoint gridPoint(int in, int out, double density, int batch) {
        Mask m = randomMask(out, in, density, 7);
        double dense = KernelCalibrationRun.stepUs(KernelType.DENSE, out, in, density, batch);
        double csr = KernelCalibrationRun.stepUs(KernelType.CSR, out, in, density, batch);
        boolean smallAllowed = (long) out * in <= KernelSelector.SMALL_MAX_WEIGHTS;
        double small = smallAllowed ? KernelCalibrationRun.stepUs(KernelType.SMALL, out, in, density, batch) : Double.POSITIVE_INFINITY;
        KernelType fastest = dense <= csr && dense <= small ? KernelType.DENSE : csr <= small ? KernelType.CSR : KernelType.SMALL;
        KernelType chosen = KernelSelector.choose(out, in, m.nnz(), batch, DataType.FLOAT, KernelCalibration.current());
        return new GridPoint(in, out, density, batch, m.nnz(), dense, csr, small, fastest, chosen);
    }

    public record GemmResult(int steps, double medianMs, double gflops) {}

    /** A float32 session on {@code design}'s settings with every layer on {@code kernel} (AUTO: each picks its own), for {@code bench net}. */
    public static TrainingSession session(NetworkDesign design, Split split, KernelType kernel) {
        return new TrainingSession(design, split, design.settings(), DataType.FLOAT, kernel);
    }

    /** ND4J's SGEMM {@code [m,k] x [k,n]} into a preallocated result: the dense kernel's ceiling. */
    public static GemmResult gemm(int m, int k, int n, int steps, long seed) {
        NativeThreads.configure();
        Gemm gemm = new Gemm(m, k, n, seed);
        double[] ms = new double[steps];
        for (int s = -2; s < steps; s++) {
            double t = gemm.run();
            if (s >= 0) ms[s] = t;
        }
        double median = median(ms);
        return new GemmResult(steps, median, gemmGflops(m, k, n, median));
    }

    /** GFLOP/s of an SGEMM {@code [m,k] x [k,n]} that took {@code ms}: 2 flops per multiply-add. */
    static double gemmGflops(int m, int k, int n, double ms) {
        return 2.0 * m * k * n / (ms * 1e6);
    }

    /** One SGEMM {@code [m,k] x [k,n]} on random inputs into a preallocated result, timed in ms by {@link #run}. */
    private static final class Gemm {
        private final INDArray a;
        private final INDArray b;
        private final INDArray c;

        Gemm(int m, int k, int n, long seed) {
            a = input(m, k, seed, false).array(DataType.FLOAT);
            b = input(k, n, seed + 1, false).array(DataType.FLOAT);
            c = Nd4j.create(DataType.FLOAT, m, n);
        }

        /** The median of five runs after one that allocates OpenBLAS's buffers. */
        double medianMs() {
            run();
            double[] ms = new double[5];
            for (int i = 0; i < ms.length; i++) ms[i] = run();
            return median(ms);
        }

        double run() {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            Nd4j.getExecutioner().commit();
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /**
     * A random mask with exactly {@code round(density * in)} (at least 1) connections per row at
     * distinct random columns: memory and time proportional to the connections, for any shape.
     */
    public static Mask randomMask(int out, int in, double density, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int perRow = (int) Math.max(1, Math.min(in, Math.round(density * in)));
        Mask m = new Mask(out, in); // storage follows the shape: sparse rows for huge layers
        int[] cols = new int[perRow];
        for (int o = 0; o < out; o++) {
            if (perRow * 2 > in) {
                // dense-ish rows: a partial Fisher-Yates shuffle of all columns
                int[] all = new int[in];
                for (int i = 0; i < in; i++) all[i] = i;
                for (int k = 0; k < perRow; k++) {
                    int j = k + rng.nextInt(in - k);
                    int t = all[k]; all[k] = all[j]; all[j] = t;
                }
                System.arraycopy(all, 0, cols, 0, perRow);
            } else {
                int n = 0;
                while (n < perRow) {
                    int c = rng.nextInt(in);
                    boolean dup = false;
                    for (int k = 0; k < n; k++) if (cols[k] == c) { dup = true; break; }
                    if (!dup) cols[n++] = c;
                }
            }
            Arrays.sort(cols);
            m.setRowIndices(o, cols);
        }
        return m;
    }

    /**
     * The sparse kernels' two inner loops alone ({@link ConnectionLoops}, the ones in use), on connections that pick
     * their feature vector at random from {@code rows} vectors of {@code batch} samples: the sums (forward, dx) and
     * the dots (dW), in ns per connection. As {@code rows} grows the vectors come from farther caches; this is what
     * a large sparse layer's step is made of, apart from the optimizer.
     */
    public record LoopCost(int rows, int batch, double sumNs, double dotNs) {
        /** The activation matrix the connections read: rows x batch floats. */
        public long matrixBytes() {
            return 4L * rows * batch;
        }

        /** Useful work of one product, 2 flops per connection and sample, in GFLOP/s. */
        public double gflops(double ns) {
            return 2.0 * batch / ns;
        }
    }

    /** Measures {@link LoopCost}: the fastest of several passes over {@code connections} connections, after a warm-up. */
    public static LoopCost loops(int rows, int batch, int connections, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] table = new float[rows][batch];
        for (float[] r : table) for (int j = 0; j < batch; j++) r[j] = (float) rng.nextDouble(-1, 1);
        int[] rowAt = new int[connections];
        float[] coef = new float[connections];
        for (int k = 0; k < connections; k++) {
            rowAt[k] = rng.nextInt(rows);
            coef[k] = (float) rng.nextDouble(-1, 1);
        }
        float[] y = new float[batch];
        float[] a = table[0].clone();
        float[] out = new float[connections];
        ConnectionLoops loops = ConnectionLoops.BEST;
        double sum = Double.POSITIVE_INFINITY;
        double dot = Double.POSITIVE_INFINITY;
        long end = System.nanoTime() + 1_500_000_000L; // the first ~third warms C2 up, the best pass after it counts
        for (int pass = 0; pass < 20 || (pass <= 100_000 && System.nanoTime() < end); pass++) {
            long t0 = System.nanoTime();
            loops.sumRows(coef, null, rowAt, 0, connections, table, 0f, y, batch);
            long t1 = System.nanoTime();
            loops.dots(a, rowAt, 0, connections, table, batch, out, null);
            long t2 = System.nanoTime();
            if (pass >= 10) {
                sum = Math.min(sum, (double) (t1 - t0) / connections);
                dot = Math.min(dot, (double) (t2 - t1) / connections);
            }
        }
        return new LoopCost(rows, batch, sum, dot);
    }

    /** How long a layer runs untimed after the SGEMMs of {@code againstGemm}, until OpenBLAS's threads stop spinning. */
    private static final long GEMM_SETTLE_NS = 300_000_000L;

    /** Median wall time of a full training step of one {@code in -> out} layer (identity activation). */
    public static LayerResult layer(int batch, int in, int out, double density, KernelType kernel, String optimizer, int steps, long seed) {
        return layer(batch, in, out, density, kernel, optimizer, steps, seed, false);
    }

    /**
     * As {@link #layer(int, int, int, double, KernelType, String, int, long)}; with {@code againstGemm}, five SGEMMs of
     * the layer's forward shape are timed just before the measured steps and five just after, and the faster median
     * of the two is the peak: the share of the peak then compares times taken within seconds of each other, under the
     * same load (on a shared machine the load moves the peak by 10% from one minute to the next). Not one SGEMM per
     * step: OpenBLAS's helper threads spin after each product and slowed the csr kernel's step from 8 to 15 ms.
     */
    public static LayerResult layer(int batch, int in, int out, double density, KernelType kernel, String optimizer, int steps, long seed,
                                    boolean againstGemm) {
        Mask m = randomMask(out, in, density, seed);
        MaskedLinear layer = new MaskedLinear(m, Activation.IDENTITY, DataType.FLOAT, Optimizers.create(optimizer, 1e-3), new SplittableRandom(seed),
                kernel, batch);
        boolean java = layer.kernelType() != KernelType.DENSE;
        Batch x = input(batch, in, seed + 1, java);
        Batch g = input(batch, out, seed + 2, java);
        // warm up until the JIT has compiled the loops: at least 5 steps and half a second (at most 500 steps)
        long warmupEnd = System.nanoTime() + 500_000_000L;
        int iteration = 0;
        for (int s = 0; s < 500 && (s < 5 || System.nanoTime() < warmupEnd); s++) trainStep(layer, x, g, iteration++);
        Gemm gemm = againstGemm ? new Gemm(batch, in, out, seed + 3) : null;
        double gemmBefore = Double.NaN;
        if (gemm != null) {
            gemmBefore = gemm.medianMs();
            // OpenBLAS's helper threads spin for a while after a product: they would take the cores from a Java
            // kernel's first steps, so steps run (untimed) until they have gone to sleep
            long settled = System.nanoTime() + GEMM_SETTLE_NS;
            while (System.nanoTime() < settled) trainStep(layer, x, g, iteration++);
        }
        double[] ms = new double[steps];
        for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            trainStep(layer, x, g, iteration++);
            if (!java) Nd4j.getExecutioner().commit(); // asynchronous backends: count the work, not the launch
            ms[s] = (System.nanoTime() - t0) / 1e6;
        }
        return new LayerResult(layer.kernelType(), m.nnz(), steps, median(ms), Arrays.stream(ms).min().orElse(Double.NaN), batch, in, out,
                gemm != null ? Math.min(gemmBefore, gemm.medianMs()) : Double.NaN);
    }

    /** One full training step of {@link #layer}: forward, both backward products, the optimizer. */
    private static void trainStep(MaskedLinear layer, Batch x, Batch g, int iteration) {
        layer.forward(x, true);
        layer.backward(g, true);
        layer.step(1e-3, WeightDecay.NONE, iteration, 0);
    }

    /** Warm-up of the network benchmarks ({@code bench mlp}, {@code bench net}): this many steps or this long, whichever ends first. */
    public static final int WARMUP_STEPS = 2000;
    public static final long WARMUP_NS = 3_000_000_000L;

    /** Steps per second of a masked MLP (hidden relu, softmax cross-entropy) on one fixed batch. */
    public static MlpResult mlp(int[] sizes, double density, int batch, String optimizer, KernelType kernel, int steps, long seed) {
        return mlp(sizes, density, batch, optimizer, Collections.nCopies(sizes.length - 1, kernel), steps, seed);
    }

    /** {@code kernels}: one per layer pair (AUTO where the choice should decide). */
    public static MlpResult mlp(int[] sizes, double density, int batch, String optimizer, List<KernelType> kernels, int steps, long seed) {
        List<LayerSpec> specs = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            Activation a = k == 0 ? Activation.IDENTITY : k == sizes.length - 1 ? Activation.SOFTMAX : Activation.RELU;
            specs.add(LayerSpec.vector("l" + k, sizes[k], a));
            if (k > 0) masks.add(randomMask(sizes[k], sizes[k - 1], density, seed + k));
        }
        TrainingSettings settings = new TrainingSettings("bench", optimizer, 1e-3, batch, 1, 0, seed, 0.2);
        MaskedNetwork net = new MaskedNetwork(new NetworkDesign(specs, masks, settings), DataType.FLOAT, optimizer, 1e-3, 0, seed, kernels, batch);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[batch * sizes[0]];
        for (int k = 0; k < x.length; k++) x[k] = (float) (rng.nextDouble() * 2 - 1);
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++) labels[r] = rng.nextInt(sizes[sizes.length - 1]);
        int[] rows = new int[batch];
        for (int r = 0; r < batch; r++) rows[r] = r;
        Batch b = net.batch(x, sizes[0], rows);
        // The JIT needs ~2000 calls of the Vector API loops before they run at speed (the first take ~40x longer), and a
        // real run trains for thousands of steps: warm up for 2000 steps or 3 seconds, whichever ends first, but no
        // fewer than a fifth of the steps timed.
        long warmupEnd = System.nanoTime() + WARMUP_NS;
        for (int s = 0; s < steps / 5 || (s < WARMUP_STEPS && System.nanoTime() < warmupEnd); s++) net.trainBatch(b, labels, 0);
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) net.trainBatch(b, labels, 0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<KernelType> chosen = new ArrayList<>();
        for (int k = 0; k < net.layerCount(); k++) chosen.add(net.layer(k).kernelType());
        return new MlpResult(chosen, steps, steps / seconds, layerTimes(net, b, Math.max(20, Math.min(steps, 200))));
    }

    /** Each layer's step alone (forward, backward with dx, optimizer), on the activations the network gives it. */
    private static List<Double> layerTimes(MaskedNetwork net, Batch x, int steps) {
        List<Double> ms = new ArrayList<>();
        Batch a = x;
        for (int k = 0; k < net.layerCount(); k++) {
            MaskedLinear l = net.layer(k);
            Batch in = a;
            Batch out = l.forward(in, false);
            boolean java = out.hasFeatures();
            Batch grad = input(out.rows, out.features, 11 + k, java);
            double[] t = new double[steps];
            for (int s = -steps / 4; s < steps; s++) {
                long t0 = System.nanoTime();
                l.forward(in, true);
                l.backward(grad, true);
                l.step(1e-3, WeightDecay.NONE, net.iteration() + s + steps, 0);
                if (!java) Nd4j.getExecutioner().commit();
                if (s >= 0) t[s] = (System.nanoTime() - t0) / 1e6;
            }
            ms.add(median(t));
            a = l.forward(in, false);
        }
        return ms;
    }

    static Batch input(int rows, int features, long seed, boolean byFeature) {
        SplittableRandom rng = new SplittableRandom(seed);
        if (byFeature) {
            float[][] f = new float[features][rows];
            for (float[] col : f) for (int r = 0; r < rows; r++) col[r] = (float) (rng.nextDouble() * 2 - 1);
            return Batch.ofFeatures(f, rows);
        }
        float[] a = new float[rows * features];
        for (int k = 0; k < a.length; k++) a[k] = (float) (rng.nextDouble() * 2 - 1);
        INDArray arr = Nd4j.createFromArray(a).reshape('c', rows, features);
        return Batch.of(arr);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
