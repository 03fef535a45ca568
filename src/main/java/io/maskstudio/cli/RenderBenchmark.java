package io.maskstudio.cli;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.render.BipartiteLayout;
import io.maskstudio.render.BipartiteRenderer;
import io.maskstudio.render.Highlight;
import io.maskstudio.render.MatrixRenderer;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.render.Raster;
import io.maskstudio.render.RenderStats;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.Random;

/**
 * Redraw times of the software renderers on a 784 (28x28) -> 1000 layer pair at 1600x1000, with
 * random masks of 10^3, 10^4 and 10^5 connections. Run: {@code java -cp target/maskstudio.jar
 * io.maskstudio.cli.RenderBenchmark [iterations [connections...]]}. Prints median and p95 milliseconds per redraw.
 * It lives in cli because it prints: only the command line writes to the standard streams.
 */
public final class RenderBenchmark {
    private static final int WIDTH = 1600, HEIGHT = 1000;

    private RenderBenchmark() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        LayerSpec input = LayerSpec.grid("input", 28, 28, Activation.IDENTITY);
        LayerSpec hidden = LayerSpec.vector("hidden", 1000, Activation.RELU);
        BipartiteLayout layout = BipartiteLayout.of(input, hidden, WIDTH, HEIGHT);
        Raster raster = new Raster(WIDTH, HEIGHT);
        BipartiteRenderer bipartite = new BipartiteRenderer();
        MatrixRenderer matrix = new MatrixRenderer();
        MatrixViewport fit = MatrixViewport.fit(1000, 784, WIDTH, HEIGHT);
        MatrixViewport zoomedOut = fit.zoomedAt(WIDTH / 2.0, HEIGHT / 2.0, 0.4);
        BitSet oneTarget = new BitSet();
        oneTarget.set(500);
        Highlight selection = Highlight.NONE.withSelection(new BitSet(), oneTarget);

        System.out.printf(Locale.ROOT, "Java %s, %d cores, %dx%d raster, %d timed redraws after warm-up%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), WIDTH, HEIGHT, iterations);
        System.out.printf(Locale.ROOT, "%-34s %12s %10s %10s%n", "view", "connections", "median ms", "p95 ms");
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        for (int nnz : sizes) {
            Mask mask = randomMask(1000, 784, nnz, 42);
            RenderStats stats = bipartite.render(raster, layout, mask);
            String mode = stats.bundled() ? "bundles: " + stats.linesDrawn() : "lines";
            report("bipartite (" + mode + ")", nnz, iterations, () -> bipartite.render(raster, layout, mask));
            report("bipartite + selected neuron", nnz, iterations, () -> bipartite.render(raster, layout, mask, selection));
            report("matrix, fit (1 px/cell)", nnz, iterations, () -> matrix.render(raster, mask, fit));
            report("matrix, zoomed out (0.4 px/cell)", nnz, iterations, () -> matrix.render(raster, mask, zoomedOut));
            report("hit-test nearest connection", nnz, iterations, () -> layout.connectionAt(mask, 800, 500, 3));
        }
    }

    private static void report(String name, int nnz, int iterations, Runnable redraw) {
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        for (int k = 0; k < 20 || System.nanoTime() < warmUntil; k++) redraw.run();
        double[] ms = new double[iterations];
        for (int k = 0; k < iterations; k++) {
            long t0 = System.nanoTime();
            redraw.run();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-34s %12d %10.2f %10.2f%n", name, nnz, ms[iterations / 2], ms[(int) Math.ceil(iterations * 0.95) - 1]);
    }

    private static Mask randomMask(int rows, int cols, int n, long seed) {
        Mask m = new Mask(rows, cols);
        Random rnd = new Random(seed);
        for (int placed = 0; placed < n; ) {
            int o = rnd.nextInt(rows), i = rnd.nextInt(cols);
            if (!m.get(o, i)) {
                m.set(o, i, true);
                placed++;
            }
        }
        return m;
    }
}
