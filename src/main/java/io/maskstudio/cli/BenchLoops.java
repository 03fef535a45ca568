package io.maskstudio.cli;

import io.maskstudio.engine.Benchmarks;
import io.maskstudio.engine.VectorModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench loops}: the sparse kernels' inner loops alone, as the activation matrix their connections read from
 * grows past each cache: the measurement behind docs/performance.md's account of the csr kernel's share of the peak.
 */
@Command(name = "loops", mixinStandardHelpOptions = true,
        description = {"Times the sparse kernels' two inner loops (sums: forward and dx; dots: dW) on connections that read",
                "random rows of an activation matrix of --rows x --batch floats, for each --rows: ns per connection, GFLOP/s."})
final class BenchLoops implements Callable<Integer> {
    @Option(names = "--rows", split = ",", defaultValue = "16,256,512,1024,2048,4096",
            description = "activation rows the connections pick from (default: ${DEFAULT-VALUE})") int[] rows;
    @Option(names = "--batch", paramLabel = "B", defaultValue = "256", description = "samples per row (default: ${DEFAULT-VALUE})") int batch;
    @Option(names = "--connections", paramLabel = "N", defaultValue = "4096",
            description = "connections per pass (default: ${DEFAULT-VALUE})") int connections;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1") long seed;
    @Option(names = "--json", description = "one JSON object per line") boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        for (int r : rows) BenchCommand.requirePositive(spec, "--rows", r);
        BenchCommand.requirePositive(spec, "--batch", batch);
        BenchCommand.requirePositive(spec, "--connections", connections);
        for (int r : rows) {
            Benchmarks.LoopCost c = Benchmarks.loops(r, batch, connections, seed);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bench", "loops");
            f.put("rows", r);
            f.put("batch", batch);
            f.put("matrix_kib", c.matrixBytes() / 1024);
            f.put("sum_ns_per_connection", BenchCommand.round(c.sumNs()));
            f.put("dot_ns_per_connection", BenchCommand.round(c.dotNs()));
            f.put("sum_gflops", BenchCommand.round(c.gflops(c.sumNs())));
            f.put("dot_gflops", BenchCommand.round(c.gflops(c.dotNs())));
            f.put("loops", VectorModule.loops());
            BenchCommand.report(spec, json, f, String.format(Locale.ROOT,
                    "%d rows x %d samples (%d KiB): sums %.2f ns per connection (%.1f GFLOP/s), dots %.2f ns (%.1f GFLOP/s), %s loops, 1 thread",
                    r, batch, c.matrixBytes() / 1024, c.sumNs(), c.gflops(c.sumNs()), c.dotNs(), c.gflops(c.dotNs()), VectorModule.loops()));
        }
        return MaskStudioCommand.OK;
    }
}
