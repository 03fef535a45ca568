package io.maskstudio.cli;

import io.maskstudio.data.DataException;
import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.engine.Benchmarks;
import io.maskstudio.engine.DivergedException;
import io.maskstudio.engine.KernelType;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.NativeThreads;
import io.maskstudio.engine.SessionLoader;
import io.maskstudio.engine.TrainingSession;
import io.maskstudio.model.NetworkDesign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench net GRAPH}: one epoch of a graph on its own dataset and settings, the figure a user feels. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = {"Seconds per training epoch of GRAPH on its dataset with its settings (validation pass included),",
                "after warm-up epochs (2000 steps or 3 s, at least one); prints the kernel of each layer pair."})
final class BenchNet implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "GRAPH", description = "graph file (.graph.json)") Path graph;
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "measured epochs (default: ${DEFAULT-VALUE})") int epochs;
    @Option(names = "--kernel", paramLabel = "K", defaultValue = "auto", completionCandidates = KernelIds.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})") String kernel;
    @Option(names = "--json", description = "one JSON object per line") boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        BenchCommand.requirePositive(spec, "--epochs", epochs);
        KernelType k = BenchCommand.kernel(spec, kernel);
        NetworkDesign design = GraphIo.read(graph);
        Dataset data;
        try {
            data = Datasets.load(design.settings().dataset(), design.settings().seed());
        } catch (DataException e) {
            throw new CliException(e.getMessage(), e);
        }
        SessionLoader.PreparedData prepared = SessionLoader.PreparedData.of(data, design.settings());
        TrainingSession session = Benchmarks.session(design.copy(), prepared.split(), k);
        double[] seconds = new double[epochs];
        try {
            // warm-up: buffers, and the JIT, which compiles the Vector API loops only after ~2000 calls (bench mlp waits as
            // long): whole epochs until 2000 steps or 3 seconds, at least one
            long warmupEnd = System.nanoTime() + Benchmarks.WARMUP_NS;
            int warmSteps = 0;
            do {
                session.runEpoch();
                warmSteps += session.stepsPerEpoch();
            } while (warmSteps < Benchmarks.WARMUP_STEPS && System.nanoTime() < warmupEnd);
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                session.runEpoch();
                seconds[e] = (System.nanoTime() - t0) / 1e9;
            }
        } catch (DivergedException e) {
            throw new CliException("the benchmark run diverged: " + e.getMessage(), e);
        }
        MaskedNetwork net = session.network();
        List<String> kernels = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            kernels.add(net.layer(l).kernelType().id());
            pairs.add(String.format(Locale.ROOT, "%d->%d %.1f%% %s", net.layer(l).inFeatures(), net.layer(l).outFeatures(),
                    100.0 * net.layer(l).connections() / ((double) net.layer(l).inFeatures() * net.layer(l).outFeatures()), net.layer(l).kernelType().id()));
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("bench", "net");
        f.put("graph", graph.getFileName().toString());
        f.put("dataset", data.name());
        f.put("batch", design.settings().batchSize());
        f.put("optimizer", design.settings().optimizer());
        f.put("steps_per_epoch", session.stepsPerEpoch());
        f.put("epochs", epochs);
        f.put("s_per_epoch", BenchCommand.round(median));
        f.put("min_s", BenchCommand.round(sorted[0]));
        f.put("kernel", String.join(",", kernels));
        f.put("load", NativeThreads.loadAverage());
        BenchCommand.report(spec, json, f, String.format(Locale.ROOT, "%s on %s (%d steps of %d, %s): %.3f s per epoch (median of %d, min %.3f); %s",
                graph.getFileName(), data.name(), session.stepsPerEpoch(), design.settings().batchSize(), design.settings().optimizer(),
                median, epochs, sorted[0], String.join(", ", pairs)));
        return MaskStudioCommand.OK;
    }
}
