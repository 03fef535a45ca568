package io.maskstudio.io;

import io.maskstudio.model.Activation;
import io.maskstudio.model.DensityAllocation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkMasks;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.model.TrainingSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the example graphs committed under {@code sample-graphs/}. Test-only: it stands in for the
 * model's MaskGenerators until those exist. Regenerate with
 * {@code ./mvnw -q test -Dtest=SampleGraphsTest -Dmaskstudio.writeSamples=true}.
 */
final class SampleGraphs {
    static final Path DIR = Path.of("sample-graphs");

    private SampleGraphs() {}

    /** File name to design, in a stable order. */
    static Map<String, NetworkDesign> all() {
        Map<String, NetworkDesign> m = new LinkedHashMap<>();
        m.put("digits-local.graph.json", digitsLocal());
        m.put("digits-dense.graph.json", digitsDense());
        m.put("xor.graph.json", xor());
        m.put("mnist-local.graph.json", mnistLocal());
        m.put("lenet-300-100.graph.json", lenet300100());
        m.put("lenet-300-100-erk5.graph.json", lenet300100Erk5());
        m.put("lenet-300-100-rigl2.graph.json", lenet300100Rigl2());
        return m;
    }

    static TrainingSettings digitsSettings() {
        return new TrainingSettings("digits", "adam", 0.01, 32, 30, 0.0, 42L, 0.2);
    }

    static NetworkDesign digitsLocal() {
        return new NetworkDesign(List.of(
                LayerSpec.grid("pixels", 8, 8, Activation.IDENTITY),
                LayerSpec.grid("hidden", 6, 6, Activation.RELU),
                LayerSpec.vector("output", 10, Activation.SOFTMAX)),
                List.of(receptiveFields(8, 8, 6, 6, 3, 1, 0), Mask.full(10, 36)),
                digitsSettings());
    }

    static NetworkDesign digitsDense() {
        return new NetworkDesign(List.of(
                LayerSpec.grid("pixels", 8, 8, Activation.IDENTITY),
                LayerSpec.vector("hidden", 36, Activation.RELU),
                LayerSpec.vector("output", 10, Activation.SOFTMAX)),
                List.of(Mask.full(36, 64), Mask.full(10, 36)),
                digitsSettings());
    }

    static NetworkDesign xor() {
        return new NetworkDesign(List.of(
                LayerSpec.vector("input", 2, Activation.IDENTITY),
                LayerSpec.vector("hidden", 4, Activation.TANH),
                LayerSpec.vector("output", 2, Activation.SOFTMAX)),
                List.of(Mask.full(4, 2), Mask.full(2, 4)),
                new TrainingSettings("xor", "adam", 0.05, 16, 100, 0.0, 42L, 0.2));
    }

    static NetworkDesign mnistLocal() {
        return new NetworkDesign(List.of(
                LayerSpec.grid("pixels", 28, 28, Activation.IDENTITY),
                LayerSpec.grid("hidden", 14, 14, Activation.RELU),
                LayerSpec.vector("output", 10, Activation.SOFTMAX)),
                List.of(receptiveFields(28, 28, 14, 14, 5, 2, 2), Mask.full(10, 196)),
                new TrainingSettings("mnist-10k", "adam", 0.005, 64, 10, 0.0, 42L, 0.2));
    }

    /**
     * LeNet-300-100 (LeCun et al. 1998), the fully connected net of the pruning and sparse-training papers (Han et al.
     * 2015, Frankle and Carbin 2019), dense; Adam at 1.2e-3 with batches of 60 as Frankle and Carbin train it.
     */
    static NetworkDesign lenet300100() {
        return new NetworkDesign(List.of(
                LayerSpec.grid("pixels", 28, 28, Activation.IDENTITY),
                LayerSpec.vector("hidden1", 300, Activation.RELU),
                LayerSpec.vector("hidden2", 100, Activation.RELU),
                LayerSpec.vector("output", 10, Activation.SOFTMAX)),
                List.of(Mask.full(300, 784), Mask.full(100, 300), Mask.full(10, 100)),
                new TrainingSettings("mnist-10k", "adam", 0.0012, 60, 10, 0.0, 42L, 0.2));
    }

    /**
     * LeNet-300-100 at 5% overall density shared by ERK, what
     * {@code maskstudio generate --graph sample-graphs/lenet-300-100.graph.json --density 0.05 --allocation erk --seed 42
     * --out sample-graphs/lenet-300-100-erk5.graph.json} writes (GenerateCommandTest checks that it does).
     */
    static NetworkDesign lenet300100Erk5() {
        NetworkDesign d = lenet300100();
        List<Mask> masks = NetworkMasks.random(d, DensityAllocation.ERK, 0.05, 42);
        for (int k = 0; k < masks.size(); k++) d.setMask(k, masks.get(k));
        return d;
    }

    /**
     * LeNet-300-100 at 2% by ERK (seed 42), trained 20 epochs with RigL's defaults: what docs/sparse-training.md's
     * 2% rigl rows ran ({@code train sample-graphs/lenet-300-100.graph.json --method rigl --density 0.02 --epochs 20}).
     */
    static NetworkDesign lenet300100Rigl2() {
        NetworkDesign d = lenet300100();
        List<Mask> masks = NetworkMasks.random(d, DensityAllocation.ERK, 0.02, 42);
        for (int k = 0; k < masks.size(); k++) d.setMask(k, masks.get(k));
        d.setSettings(d.settings().withEpochs(20).withSparse(SparseTraining.of(SparseTraining.Method.RIGL)));
        return d;
    }

    /**
     * 2-D local receptive fields: output (r, c) sees the input window rows {@code r*stride-pad .. +kernel-1},
     * likewise for columns, clipped to the input grid.
     */
    static Mask receptiveFields(int inH, int inW, int outH, int outW, int kernel, int stride, int pad) {
        Mask m = new Mask(outH * outW, inH * inW);
        for (int r = 0; r < outH; r++) {
            for (int c = 0; c < outW; c++) {
                for (int dr = 0; dr < kernel; dr++) {
                    for (int dc = 0; dc < kernel; dc++) {
                        int ir = r * stride - pad + dr;
                        int ic = c * stride - pad + dc;
                        if (ir >= 0 && ir < inH && ic >= 0 && ic < inW) m.set(r * outW + c, ir * inW + ic, true);
                    }
                }
            }
        }
        return m;
    }

    static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, NetworkDesign> e : all().entrySet()) GraphFile.write(dir.resolve(e.getKey()), e.getValue());
    }
}
