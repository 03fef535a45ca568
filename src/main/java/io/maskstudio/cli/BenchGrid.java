package io.maskstudio.cli;

import io.maskstudio.engine.Benchmarks;
import io.maskstudio.engine.KernelCalibration;
import io.maskstudio.engine.NativeThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench grid}: all three kernels on a grid of layer shapes, densities and batch sizes, and whether the
 * automatic choice was within 10% of the fastest at each point (the check behind docs/performance.md's grid).
 */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = {"Times the dense, csr and small kernels on every in x out, density and batch of a grid (square layers",
                "of each --sizes, plus --pairs) and reports the kernel AUTO picks against the fastest."})
final class BenchGrid implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "64,256,1024,4096", description = "square layers (default: ${DEFAULT-VALUE})")
    int[] sizes;
    @Option(names = "--pairs", split = ",", defaultValue = "784x300,300x100", description = "in x out layers besides (default: ${DEFAULT-VALUE})")
    String[] pairs;
    @Option(names = "--densities", split = ",", defaultValue = "0.005,0.02,0.1,0.3,1", description = "(default: ${DEFAULT-VALUE})")
    double[] densities;
    @Option(names = "--batches", split = ",", defaultValue = "1,32,128,512", description = "(default: ${DEFAULT-VALUE})") int[] batches;
    @Option(names = "--max-macs", paramLabel = "N", defaultValue = "2e9",
            description = "skip points whose dense products exceed N multiply-adds per step (default: ${DEFAULT-VALUE})") double maxMacs;
    @Option(names = "--json", description = "one JSON object per line") boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        List<int[]> shapes = new ArrayList<>();
        for (int s : sizes) {
            BenchCommand.requirePositive(spec, "--sizes", s);
            shapes.add(new int[]{s, s});
        }
        for (String p : pairs) {
            if (p.isBlank()) continue;
            String[] io = p.toLowerCase(Locale.ROOT).split("x");
            shapes.add(new int[]{Integer.parseInt(io[0].strip()), Integer.parseInt(io[1].strip())});
        }
        for (double d : densities) BenchCommand.requireDensity(spec, d);
        for (int b : batches) BenchCommand.requirePositive(spec, "--batches", b);
        PrintWriter out = spec.commandLine().getOut();
        KernelCalibration cal = KernelCalibration.current();
        if (!json) out.println("calibration: " + cal);
        int points = 0, within = 0;
        double worst = 1;
        String worstAt = "";
        for (int[] shape : shapes) {
            for (double d : densities) {
                for (int b : batches) {
                    if (3.0 * shape[0] * shape[1] * b > maxMacs) continue;
                    Benchmarks.GridPoint g = Benchmarks.gridPoint(shape[0], shape[1], d, b);
                    points++;
                    if (g.ratio() <= 1.1) within++;
                    String at = String.format(Locale.ROOT, "%dx%d at %s, batch %d", g.in(), g.out(), d, b);
                    if (g.ratio() > worst) {
                        worst = g.ratio();
                        worstAt = at;
                    }
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("bench", "grid");
                    f.put("in", g.in());
                    f.put("out", g.out());
                    f.put("density", d);
                    f.put("batch", b);
                    f.put("connections", g.connections());
                    f.put("dense_us", BenchCommand.round(g.denseUs()));
                    f.put("csr_us", BenchCommand.round(g.csrUs()));
                    f.put("small_us", Double.isFinite(g.smallUs()) ? BenchCommand.round(g.smallUs()) : null);
                    f.put("fastest", g.fastest().id());
                    f.put("chosen", g.chosen().id());
                    f.put("ratio", BenchCommand.round(g.ratio()));
                    f.put("load", NativeThreads.loadAverage());
                    if (json) {
                        out.println(BenchCommand.toJson(f));
                    } else {
                        out.printf(Locale.ROOT, "%-28s dense %10.1f  csr %10.1f  small %10s us   fastest %-5s chosen %-5s %.2fx%n", at,
                                g.denseUs(), g.csrUs(), Double.isFinite(g.smallUs()) ? String.format(Locale.ROOT, "%.1f", g.smallUs()) : "-",
                                g.fastest().id(), g.chosen().id(), g.ratio());
                    }
                    out.flush();
                }
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bench", "grid-summary");
        f.put("points", points);
        f.put("within_10_percent", within);
        f.put("worst_ratio", BenchCommand.round(worst));
        f.put("worst_at", worstAt);
        f.put("calibration", cal.toString());
        BenchCommand.report(spec, json, f, String.format(Locale.ROOT, "%d of %d points within 10%% of the fastest kernel; worst %.2fx (%s)",
                within, points, worst, worstAt));
        return MaskStudioCommand.OK;
    }
}
