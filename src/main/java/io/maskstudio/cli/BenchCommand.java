package io.maskstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.engine.Benchmarks;
import io.maskstudio.engine.BlasInfo;
import io.maskstudio.engine.DesignTrainers;
import io.maskstudio.engine.KernelType;
import io.maskstudio.engine.VectorModule;
import io.maskstudio.model.OptimizerKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code maskstudio bench}: how fast training runs here, with the kernel, the ND4J backend and the
 * OpenBLAS core type it ran on. docs/performance.md compares these figures with PyTorch.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures training speed: one masked layer (ms per step) or a small masked MLP (steps per second);",
                "soak: memory over a long run of the desktop app's trainer; record: the cost of writing the run folder."},
        subcommands = {BenchCommand.Layer.class, BenchCommand.Mlp.class, BenchCommand.Gemm.class, BenchCommand.Soak.class, BenchCommand.Record.class,
                BenchCalibrate.class, BenchGrid.class, BenchLoops.class, BenchNet.class, BenchRiglCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing benchmark: layer, mlp, gemm, net, grid, loops, calibrate, rigl, soak or record (see --help)");
    }

    @Command(name = "layer", mixinStandardHelpOptions = true,
            description = {"Median wall time of one full training step of a masked in -> out layer:",
                    "forward, both backward products (dW and dx), optimizer step."})
    static final class Layer implements Callable<Integer> {
        @Option(names = "--batch", paramLabel = "B", defaultValue = "256", description = "batch size (default: ${DEFAULT-VALUE})") int batch;
        @Option(names = "--in", paramLabel = "I", defaultValue = "4096", description = "input features (default: ${DEFAULT-VALUE})") int in;
        @Option(names = "--out", paramLabel = "O", defaultValue = "4096", description = "output features (default: ${DEFAULT-VALUE})") int out;
        @Option(names = "--density", paramLabel = "D", defaultValue = "1",
                description = "share of connections present, (0,1] (default: ${DEFAULT-VALUE})") double density;
        @Option(names = "--kernel", paramLabel = "K", defaultValue = "auto", completionCandidates = KernelIds.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})") String kernel;
        @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", completionCandidates = OptimizerIds.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})") String optimizer;
        @Option(names = "--steps", paramLabel = "N", defaultValue = "20",
                description = "measured steps after a short warm-up (default: ${DEFAULT-VALUE})") int steps;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1") long seed;
        @Option(names = "--against-gemm", description = {"time an SGEMM [B,I] x [I,O] just before and just after the steps and report the step's useful",
                "work (3 products, 2 flops per connection and sample) as a share of its speed (the faster of the two)"})
        boolean againstGemm;
        @Option(names = "--json", description = "one JSON object per line") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            requirePositive(spec, "--batch", batch);
            requirePositive(spec, "--in", in);
            requirePositive(spec, "--out", out);
            requirePositive(spec, "--steps", steps);
            requireDensity(spec, density);
            KernelType k = kernel(spec, kernel);
            String opt = optimizer(spec, optimizer);
            Benchmarks.LayerResult r = Benchmarks.layer(batch, in, out, density, k, opt, steps, seed, againstGemm);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bench", "layer");
            f.put("batch", batch);
            f.put("in", in);
            f.put("out", out);
            f.put("density", density);
            f.put("connections", r.connections());
            f.put("optimizer", opt);
            f.put("steps", r.steps());
            f.put("ms_per_step", round(r.medianMs()));
            f.put("min_ms", round(r.minMs()));
            f.put("kernel", r.kernel().id());
            String line = String.format(Locale.ROOT,
                    "layer %dx%d -> %d at density %s (%d connections), %s: %.3f ms per step (median of %d, min %.3f), kernel %s",
                    batch, in, out, density, r.connections(), opt, r.medianMs(), r.steps(), r.minMs(), r.kernel().id());
            if (againstGemm) {
                f.put("useful_gflops", round(r.usefulGflops()));
                f.put("gemm_ms", round(r.gemmMs()));
                f.put("gemm_gflops", round(r.gemmGflops()));
                f.put("share_of_gemm", round(r.shareOfGemm()));
                line += String.format(Locale.ROOT,
                        "%n  useful work %.1f GFLOP/s = %.0f%% of the sgemm [%d,%d] x [%d,%d] timed around it (%.3f ms, %.1f GFLOP/s)",
                        r.usefulGflops(), 100 * r.shareOfGemm(), batch, in, in, out, r.gemmMs(), r.gemmGflops());
            }
            report(spec, json, f, line);
            return MaskStudioCommand.OK;
        }
    }

    @Command(name = "mlp", mixinStandardHelpOptions = true,
            description = "Training steps per second of a masked MLP (relu hidden layers, softmax cross-entropy) on one fixed batch.")
    static final class Mlp implements Callable<Integer> {
        @Option(names = "--layers", paramLabel = "N,N,...", defaultValue = "64,32,10", split = ",",
                description = "layer sizes, input first (default: ${DEFAULT-VALUE})") int[] layers;
        @Option(names = "--density", paramLabel = "D", defaultValue = "1",
                description = "share of connections present in every mask (default: ${DEFAULT-VALUE})") double density;
        @Option(names = "--batch", paramLabel = "B", defaultValue = "32") int batch;
        @Option(names = "--steps", paramLabel = "N", defaultValue = "5000") int steps;
        @Option(names = "--kernel", paramLabel = "K[,K...]", defaultValue = "auto",
                description = "auto, dense, csr or small for every layer pair, or one per pair, input side first: dense,csr,csr"
                        + " (default: ${DEFAULT-VALUE})") String kernel;
        @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam") String optimizer;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1") long seed;
        @Option(names = "--json", description = "one JSON object per line") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            if (layers.length < 2) throw new CommandLine.ParameterException(spec.commandLine(), "--layers needs at least two sizes, e.g. 64,32,10");
            for (int s : layers) requirePositive(spec, "--layers", s);
            requirePositive(spec, "--batch", batch);
            requirePositive(spec, "--steps", steps);
            requireDensity(spec, density);
            List<KernelType> ks = kernels(spec, kernel, layers.length - 1);
            String opt = optimizer(spec, optimizer);
            Benchmarks.MlpResult r = Benchmarks.mlp(layers, density, batch, opt, ks, steps, seed);
            String kernels = r.kernels().stream().map(KernelType::id).collect(Collectors.joining(","));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bench", "mlp");
            f.put("layers", Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining(",")));
            f.put("density", density);
            f.put("batch", batch);
            f.put("optimizer", opt);
            f.put("steps", r.steps());
            f.put("steps_per_second", round(r.stepsPerSecond()));
            f.put("kernel", kernels);
            f.put("layer_ms", r.layerMs().stream().map(BenchCommand::round).toList());
            StringBuilder perLayer = new StringBuilder();
            for (int l = 0; l < r.kernels().size(); l++) {
                perLayer.append(String.format(Locale.ROOT, "%n  %d -> %d: %s, %.3f ms per step alone", layers[l], layers[l + 1],
                        r.kernels().get(l).id(), r.layerMs().get(l)));
            }
            report(spec, json, f, String.format(Locale.ROOT, "mlp %s at density %s, batch %d, %s: %.0f steps per second (%d steps), kernels %s%s",
                    f.get("layers"), density, batch, opt, r.stepsPerSecond(), r.steps(), kernels, perLayer));
            return MaskStudioCommand.OK;
        }
    }

    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = "ND4J's single-precision matrix product [M,K] x [K,N]: the ceiling of the dense kernel (GFLOP/s).")
    static final class Gemm implements Callable<Integer> {
        @Option(names = "--m", paramLabel = "M", defaultValue = "256") int m;
        @Option(names = "--k", paramLabel = "K", defaultValue = "4096") int k;
        @Option(names = "--n", paramLabel = "N", defaultValue = "4096") int n;
        @Option(names = "--steps", paramLabel = "N", defaultValue = "10") int steps;
        @Option(names = "--json", description = "one JSON object per line") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            requirePositive(spec, "--m", m);
            requirePositive(spec, "--k", k);
            requirePositive(spec, "--n", n);
            requirePositive(spec, "--steps", steps);
            Benchmarks.GemmResult r = Benchmarks.gemm(m, k, n, steps, 1);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bench", "gemm");
            f.put("m", m);
            f.put("k", k);
            f.put("n", n);
            f.put("steps", r.steps());
            f.put("ms_per_step", round(r.medianMs()));
            f.put("gflops", round(r.gflops()));
            f.put("kernel", "nd4j-gemm");
            report(spec, json, f, String.format(Locale.ROOT, "sgemm [%d,%d] x [%d,%d]: %.3f ms (median of %d), %.1f GFLOP/s",
                    m, k, k, n, r.medianMs(), r.steps(), r.gflops()));
            return MaskStudioCommand.OK;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = {"Trains GRAPH with the desktop app's trainer and epoch history and prints, every K epochs,",
                    "the heap after a full GC, JavaCPP's off-heap bytes and the process RSS.",
                    "Past the history's cap (what the app keeps for this graph) none of them should grow."})
    static final class Soak implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "GRAPH", description = "graph file (.graph.json); trains on its dataset and settings") Path graph;
        @Option(names = "--epochs", paramLabel = "N", description = "epochs to train (default: the history's capacity + 400)") Integer epochs;
        @Option(names = "--every", paramLabel = "K", defaultValue = "10",
                description = "epochs between samples, plus one where the history fills (default: ${DEFAULT-VALUE})") int every;
        @Option(names = "--history", paramLabel = "N",
                description = "snapshots the history keeps (default: what the app keeps for this graph; at least 4)") Integer history;
        @Option(names = "--json", description = "one JSON object per line") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            requirePositive(spec, "--every", every);
            if (epochs != null) requirePositive(spec, "--epochs", epochs);
            if (history != null && history < 4) throw new CommandLine.ParameterException(spec.commandLine(), "--history must be at least 4, was " + history);
            var design = GraphIo.read(graph);
            int capacity = history != null ? history : DesignTrainers.historyCapacity(design);
            int n = epochs != null ? epochs : capacity + 400;
            return new SoakRun(design, n, every, capacity, json, spec.commandLine().getOut()).execute(graph.getFileName().toString());
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Epochs per second of GRAPH trained without and with writing its run folder (run.json, CSVs, snapshots),",
                    "in alternating blocks; the ratio recorded/plain should stay >= 0.9."})
    static final class Record implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "GRAPH", description = "graph file (.graph.json); trains on its dataset and settings") Path graph;
        @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "epochs per block (default: ${DEFAULT-VALUE})") int epochs;
        @Option(names = "--blocks", paramLabel = "N", defaultValue = "2", description = "blocks of each kind (default: ${DEFAULT-VALUE})") int blocks;
        @Option(names = "--json", description = "one JSON object per line") boolean json;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            requirePositive(spec, "--epochs", epochs);
            requirePositive(spec, "--blocks", blocks);
            RecordingBenchmark.Result r = RecordingBenchmark.run(GraphIo.read(graph), epochs, blocks);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("bench", "record");
            f.put("graph", graph.getFileName().toString());
            f.put("epochs_per_block", epochs);
            f.put("blocks", blocks);
            f.put("plain_epochs_per_second", round(r.plainEpochsPerSecond()));
            f.put("recorded_epochs_per_second", round(r.recordedEpochsPerSecond()));
            f.put("ratio", round(r.ratio()));
            f.put("snapshot_bytes", r.snapshotBytes());
            report(spec, json, f, String.format(Locale.ROOT,
                    "%s: %.3f epochs/s without, %.3f with the run folder recorded (ratio %.3f; %d x %d epochs each; snapshots %.1f MB)",
                    graph.getFileName(), r.plainEpochsPerSecond(), r.recordedEpochsPerSecond(), r.ratio(), blocks, epochs, r.snapshotBytes() / 1e6));
            return MaskStudioCommand.OK;
        }
    }

    /** Adds what ran the benchmark, then prints one JSON line or one sentence plus advice. */
    static void report(CommandSpec spec, boolean json, Map<String, Object> fields, String sentence) {
        fields.put("backend", BlasInfo.backend());
        fields.put("openblas_core", BlasInfo.openblasCore());
        fields.put("openblas_autodetected_core", BlasInfo.openblasAutodetectedCore());
        fields.put("openblas_coretype_env", BlasInfo.coreTypeOverride());
        fields.put("openblas_coretype_source", BlasInfo.coreTypeSource());
        fields.put("loops", VectorModule.loops());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(fields));
        } else {
            out.println(sentence);
            out.printf(Locale.ROOT, "backend %s (%s), OpenBLAS core %s (autodetected: %s, OPENBLAS_CORETYPE=%s), sparse loops %s%n",
                    BlasInfo.backend(), BlasInfo.backendClass(), fields.get("openblas_core"), fields.get("openblas_autodetected_core"),
                    fields.get("openblas_coretype_env") == null ? "unset"
                            : fields.get("openblas_coretype_env") + " set by the " + fields.get("openblas_coretype_source"), fields.get("loops"));
            String advice = BlasInfo.recommendedCoreType();
            if (advice != null && BlasInfo.coreTypeOverride() == null) {
                out.println("hint: OpenBLAS picked its " + fields.get("openblas_core") + " kernels on a CPU with AVX2/FMA; "
                        + "export OPENBLAS_CORETYPE=" + advice + " makes dense GEMMs 2-4x faster (docs/performance.md)");
            }
        }
        out.flush();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of JSON; a non-finite number becomes null (JSON has no NaN). */
    static String toJson(Map<String, Object> fields) {
        Map<String, Object> finite = new LinkedHashMap<>();
        fields.forEach((k, v) -> finite.put(k, v instanceof Number n && !Double.isFinite(n.doubleValue()) ? null : v));
        try {
            return JSON.writeValueAsString(finite);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bench figures are plain numbers and strings: " + e.getMessage(), e);
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static void requirePositive(CommandSpec spec, String option, int v) {
        if (v <= 0) throw new CommandLine.ParameterException(spec.commandLine(), option + " must be positive, was " + v);
    }

    static void requireDensity(CommandSpec spec, double d) {
        if (!(d > 0 && d <= 1)) throw new CommandLine.ParameterException(spec.commandLine(), "--density must be in (0,1], was " + d);
    }

    /** One kernel for every layer pair, or a comma-separated list with one per pair. */
    static List<KernelType> kernels(CommandSpec spec, String s, int pairs) {
        String[] parts = s.split(",", -1);
        if (parts.length == 1) return Collections.nCopies(pairs, kernel(spec, s.strip()));
        if (parts.length != pairs) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--kernel lists " + parts.length + " kernels but the network has " + pairs + " layer pairs: give one, or one per pair");
        }
        List<KernelType> ks = new ArrayList<>();
        for (String p : parts) ks.add(kernel(spec, p.strip()));
        return ks;
    }

    static KernelType kernel(CommandSpec spec, String s) {
        try {
            return KernelType.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String optimizer(CommandSpec spec, String s) {
        try {
            return OptimizerKind.fromId(s).id();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
