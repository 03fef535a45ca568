package io.maskstudio.cli;

import io.maskstudio.engine.sparse.RiglUpdateBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench rigl}: one RigL mask update of a masked layer beside one training step of it, and the heap used. */
@Command(name = "rigl", mixinStandardHelpOptions = true,
        description = {"Wall time of one RigL mask update (drop the weakest |w|, grow the top |gradient| over all absent cells, streamed in blocks)",
                "of a masked in -> out layer, beside the median training step, and the heap's peak; e.g. the 100k x 100k layer at 0.01%:",
                "  java -Xmx1g -jar maskstudio.jar bench rigl --in 100000 --out 100000 --density 0.0001 --batch 64"})
final class BenchRiglCommand implements Callable<Integer> {
    @Option(names = "--batch", paramLabel = "B", defaultValue = "64") int batch;
    @Option(names = "--in", paramLabel = "N", defaultValue = "4096") int in;
    @Option(names = "--out", paramLabel = "N", defaultValue = "4096") int out;
    @Option(names = "--density", paramLabel = "D", defaultValue = "0.01") double density;
    @Option(names = "--drop-fraction", paramLabel = "Z", defaultValue = "0.3") double dropFraction;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1") long seed;
    @Option(names = "--json", description = "one JSON object per line") boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        for (int v : new int[] {batch, in, out}) {
            if (v < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--batch, --in and --out must be positive, got " + v);
        }
        if (!(density > 0 && density <= 1)) throw new CommandLine.ParameterException(spec.commandLine(), "--density must be in (0, 1], got " + density);
        if (!(dropFraction > 0 && dropFraction < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--drop-fraction must be in (0, 1), got " + dropFraction);
        }
        RiglUpdateBenchmark.Result r = RiglUpdateBenchmark.run(in, out, density, batch, dropFraction, seed);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bench", "rigl");
        f.put("batch", batch);
        f.put("in", in);
        f.put("out", out);
        f.put("density", density);
        f.put("connections", r.connections());
        f.put("replaced", r.replaced());
        f.put("ms_per_step", round(r.stepMs()));
        f.put("update_ms", round(r.updateMs()));
        f.put("update_in_steps", round(r.updateMs() / r.stepMs()));
        f.put("heap_peak_mb", round(r.heapPeakMb()));
        f.put("heap_max_mb", round(r.heapMaxMb()));
        f.put("kernel", r.kernel().id());
        BenchCommand.report(spec, json, f, String.format(Locale.ROOT,
                "rigl update of %dx%d at density %s (%d connections, %d replaced), batch %d: %.1f ms = %.1f training steps of %.2f ms;"
                        + " heap peak %.0f of %.0f MB, kernel %s",
                out, in, density, r.connections(), r.replaced(), batch, r.updateMs(), r.updateMs() / r.stepMs(), r.stepMs(), r.heapPeakMb(),
                r.heapMaxMb(), r.kernel().id()));
        return MaskStudioCommand.OK;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
