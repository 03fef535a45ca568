package io.maskstudio.ui;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import io.maskstudio.render.Side;
import io.maskstudio.ui.editor.BipartiteView;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.editor.Hover;
import io.maskstudio.ui.editor.MaskEdits;
import io.maskstudio.ui.editor.MatrixView;
import io.maskstudio.ui.fx.RasterView;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Frame times of the editor views with the software pipeline: a 784 (28x28) -> 1000 pair with random masks
 * of 10^3, 10^4 and 10^5 connections, each view filling a 1600x1000 window (the worst case; in the main
 * window each view is about half that). A redraw is what the app does on a change: draw the raster and blit
 * it into the WritableImage with PixelWriter. Not a timed test: it writes median and p95 milliseconds to the
 * writer it is given ({@link io.maskstudio.cli.ViewBenchmarkMain} passes stdout; only the CLI prints).
 *
 * <p>Run under a display (Xvfb works): {@code java -Dprism.order=sw -cp target/maskstudio.jar io.maskstudio.cli.ViewBenchmarkMain [iterations [WxH]]}
 */
public final class ViewBenchmark {
    private static int WIDTH = 1600, HEIGHT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ViewBenchmark.class);

    private ViewBenchmark() {}

    /**
     * {@code java -Dprism.order=sw -cp target/maskstudio.jar io.maskstudio.ui.ViewBenchmark [iterations [WxH]]}: the
     * table goes to the log, which shows this class on stderr (logback.xml), since only the CLI owns the standard streams.
     */
    public static void main(String[] args) throws Exception {
        StringWriter table = new StringWriter();
        run(args, new PrintWriter(table, true));
        LOG.info("view redraw times\n{}", table);
    }

    /** Starts JavaFX, times every view and writes one row per measurement to {@code out}; args: [iterations [WxH]]. */
    public static void run(String[] args, PrintWriter out) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        if (args.length > 1) {
            String[] wh = args[1].split("x");
            WIDTH = Integer.parseInt(wh[0]);
            HEIGHT = Integer.parseInt(wh[1]);
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        out.printf(Locale.ROOT, "Java %s, %d cores, prism.order=%s, views %dx%d, %d timed redraws after warm-up%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), System.getProperty("prism.order", "(default)"),
                WIDTH, HEIGHT, iterations);
        out.printf(Locale.ROOT, "%-44s %12s %10s %10s%n", "redraw (draw + PixelWriter blit)", "connections", "median ms", "p95 ms");
        for (int nnz : new int[] {1_000, 10_000, 100_000}) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    runAll(nnz, iterations, out);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            done.get();
        }
        out.flush();
        Platform.exit();
    }

    private static void runAll(int nnz, int iterations, PrintWriter out) {
        Document doc = new Document();
        doc.open(design(nnz), null, "benchmark");
        BipartiteView bipartite = new BipartiteView(doc);
        MatrixView matrix = new MatrixView(doc);
        Stage stage = show(bipartite, "bipartite");
        Stage stage2 = show(matrix, "matrix");
        report(out, "blit only (PixelWriter.setPixels)", nnz, iterations, () -> {
            long t0 = System.nanoTime();
            bipartite.blit();
            return System.nanoTime() - t0;
        });
        report(out, "bipartite" + (nnz > 10_000 ? " (bundled)" : " (lines)"), nnz, iterations, bipartite::redrawNow);
        doc.setHover(Hover.neuron(Side.TARGET, 500));
        report(out, "bipartite, hovered target (fan-in drawn)", nnz, iterations, bipartite::redrawNow);
        doc.setHover(Hover.neuron(Side.SOURCE, 14 * 28 + 14));
        report(out, "bipartite, hovered source (fan-out drawn)", nnz, iterations, bipartite::redrawNow);
        doc.setHover(Hover.NONE);
        report(out, "matrix, fit (~1 px per cell)", nnz, iterations, matrix::redrawNow);
        matrix.fit();
        matrix.redrawNow();
        zoomMatrix(matrix, 12);
        report(out, "matrix, zoomed to 12 px cells", nnz, iterations, matrix::redrawNow);
        matrix.fit();
        matrix.redrawNow();
        // One brush dab as the app handles it: the edit, then both views redrawn.
        int[] k = {0};
        report(out, "brush dab: edit + both views", nnz, iterations, () -> {
            int row = k[0]++ % 1000;
            MaskEdits.brush(doc, new int[] {row}, new int[] {row % 784}, k[0] % 2 == 0);
            return bipartite.redrawNow() + matrix.redrawNow();
        });
        doc.history().endMerge();
        stage.close();
        stage2.close();
    }

    private static Stage show(RasterView view, String title) {
        Stage s = new Stage();
        s.setTitle("ViewBenchmark: " + title);
        s.setScene(new Scene(new StackPane(view), WIDTH, HEIGHT));
        s.show();
        view.applyCss();
        view.getParent().layout();
        return s;
    }

    private static void zoomMatrix(MatrixView matrix, double cellPx) {
        var vp = matrix.viewport();
        var zoomed = vp.zoomedAt(vp.width() / 2.0, vp.height() / 2.0, cellPx / vp.cellSize());
        matrix.setViewport(zoomed);
    }

    private static void report(PrintWriter out, String name, int nnz, int iterations, LongSupplier redraw) {
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        for (int k = 0; k < 10 || System.nanoTime() < warmUntil; k++) redraw.getAsLong();
        double[] ms = new double[iterations];
        for (int k = 0; k < iterations; k++) {
            long t0 = System.nanoTime();
            redraw.getAsLong();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "%-44s %12d %10.2f %10.2f%n", name, nnz, ms[iterations / 2], ms[(int) Math.ceil(iterations * 0.95) - 1]);
    }

    static NetworkDesign design(int nnz) {
        LayerSpec input = LayerSpec.grid("pixels", 28, 28, Activation.IDENTITY);
        LayerSpec hidden = LayerSpec.vector("hidden", 1000, Activation.RELU);
        LayerSpec output = LayerSpec.vector("output", 10, Activation.SOFTMAX);
        Mask m = new Mask(1000, 784);
        Random rnd = new Random(42);
        for (int placed = 0; placed < nnz; ) {
            int o = rnd.nextInt(1000), i = rnd.nextInt(784);
            if (!m.get(o, i)) {
                m.set(o, i, true);
                placed++;
            }
        }
        return new NetworkDesign(List.of(input, hidden, output), List.of(m, Mask.full(10, 1000)), TrainingSettings.defaults("mnist"));
    }
}
