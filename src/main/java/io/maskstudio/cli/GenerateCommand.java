package io.maskstudio.cli;

import io.maskstudio.io.GraphFile;
import io.maskstudio.io.LoadedGraph;
import io.maskstudio.io.MaskFormat;
import io.maskstudio.io.MaskFormats;
import io.maskstudio.io.MaskWriteOptions;
import io.maskstudio.model.Activation;
import io.maskstudio.model.DensityAllocation;
import io.maskstudio.model.Generator;
import io.maskstudio.model.Generator.Param;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkMasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code maskstudio generate}: one mask from a {@link Generator} kind by its command-line id, or random masks for every
 * pair of a graph with the density shared by a {@link DensityAllocation}. The parameters are parsed by the same
 * {@link Param#parse} as the Generators dialog's fields, so both accept the same values.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a connectivity mask [out_features, in_features] without the app, in the format of OUT's extension:",
                "  generate --shape OUTxIN --kind KIND [kind options] [--seed S] --out FILE",
                "or gives every pair of a graph a random mask, the network's density shared uniformly or by Erdos-Renyi (ERK):",
                "  generate --graph GRAPH --density D --allocation uniform|erk [--seed S] --out NEW.graph.json",
                "Options a kind does not use are refused; those left out take the Generators dialog's defaults. Files are written atomically."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:unreadable graph or unwritable output", "2:bad usage (the message names the option)"})
final class GenerateCommand implements Callable<Integer> {
    private static final Pattern PAIR = Pattern.compile("(\\d{1,9})[xX](\\d{1,9})");

    @Option(names = "--shape", paramLabel = "OUTxIN", description = "mask shape: output neurons x input neurons, e.g. 300x784")
    String shape;

    @Option(names = "--kind", paramLabel = "KIND", description = "full, empty, random, local, local-1d, band, block-diagonal, block, n-of-m, fan-in")
    String kind;

    @Option(names = "--graph", paramLabel = "GRAPH", description = "a *.graph.json whose every pair gets a random mask")
    Path graph;

    @Option(names = "--allocation", paramLabel = "uniform|erk", defaultValue = "uniform",
            description = "--graph: how the density is shared: the same in every pair, or by Erdos-Renyi (default: ${DEFAULT-VALUE})")
    String allocation;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "mask file (.npy .npz .mtx .csv .png .safetensors), or NEW.graph.json with --graph")
    Path out;

    @Option(names = "--density", paramLabel = "D", description = "random, block, --graph: fraction 0..1 or percentage (0.05 or 5%%)")
    String density;

    @Option(names = "--seed", paramLabel = "S", description = "random choices (random, block, n-of-m, fan-in, --graph); default 42")
    String seed;

    @Option(names = "--min-fan-in", paramLabel = "N", description = "random: every output first gets N inputs (default 1)")
    String minFanIn;

    @Option(names = "--n", paramLabel = "N", description = "n-of-m: connections kept in every group (default 2)")
    String n;

    @Option(names = "--m", paramLabel = "M", description = "n-of-m: inputs per group (default 4)")
    String m;

    @Option(names = "--k", paramLabel = "K", description = "fan-in: inputs of every output (default 8, at most IN)")
    String k;

    @Option(names = "--block", paramLabel = "RxC", description = "block: block rows x columns (default 4x4)")
    String block;

    @Option(names = "--kernel", paramLabel = "K", description = "local, local-1d: window size (default: a window that maps IN onto OUT)")
    String kernel;

    @Option(names = "--stride", paramLabel = "S", description = "local, local-1d: window step")
    String stride;

    @Option(names = "--padding", paramLabel = "P", description = "local, local-1d: zero padding on each side")
    String padding;

    @Option(names = "--in-shape", paramLabel = "HxW", description = "local: the input grid (IN must be a multiple of H*W: channels)")
    String inShape;

    @Option(names = "--out-shape", paramLabel = "HxW", description = "local: the output grid (default: none, OUT a whole number of grids)")
    String outShape;

    @Option(names = "--half-width", paramLabel = "H", description = "band: inputs on each side of the diagonal (default 2)")
    String halfWidth;

    @Option(names = "--groups", paramLabel = "G", description = "block-diagonal: number of blocks (default 4)")
    String groups;

    @Option(names = "--sparse", description = "OUT.npz: SciPy CSR (scipy.sparse.load_npz); OUT.csv: an out,in edge list")
    boolean sparse;

    @Option(names = "--out-key", paramLabel = "NAME", defaultValue = MaskWriteOptions.DEFAULT_KEY,
            description = "entry name in OUT.npz or OUT.safetensors (default: ${DEFAULT-VALUE})")
    String outKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return graph != null ? generateGraph() : generateMask();
    }

    private int generateMask() {
        if (shape == null) throw usage("--shape OUTxIN is required (or --graph GRAPH for a whole network)");
        if (kind == null) throw usage("--kind is required: one of " + kindIds());
        Generator g = Generator.byId(kind).orElseThrow(() -> usage("--kind: expected one of " + kindIds() + ", was '" + kind + "'"));
        MaskFormat format = MaskFormat.of(out).orElseThrow(() -> usage("--out " + out + ": unknown mask file extension (expected one of "
                + String.join(" ", MaskFormats.writableExtensions()) + ")"));
        if (sparse && format != MaskFormat.NPZ && format != MaskFormat.CSV && format != MaskFormat.MTX) {
            throw usage("--sparse applies to .npz, .csv and .mtx output, not " + format.extension());
        }
        int[] outIn = pair("--shape", shape, "OUTxIN");
        refuseUnused(g);
        LayerSpec source = layer("input", outIn[1], inShape, "--in-shape");
        LayerSpec target = layer("output", outIn[0], outShape, "--out-shape");
        Generator.Values v = g.defaultsFor(source, target);
        v = with(v, Param.DENSITY, "--density", density);
        v = with(v, Param.SEED, "--seed", seed);
        v = with(v, Param.MIN_FAN_IN, "--min-fan-in", minFanIn);
        v = with(v, Param.N, "--n", n);
        v = with(v, Param.M, "--m", m);
        v = with(v, Param.FAN_IN, "--k", k);
        v = with(v, Param.KERNEL, "--kernel", kernel);
        v = with(v, Param.STRIDE, "--stride", stride);
        v = with(v, Param.PADDING, "--padding", padding);
        v = with(v, Param.HALF_WIDTH, "--half-width", halfWidth);
        v = with(v, Param.GROUPS, "--groups", groups);
        if (block != null) {
            int[] rc = pair("--block", block, "RxC");
            v = with(v, Param.BLOCK_ROWS, "--block", String.valueOf(rc[0]));
            v = with(v, Param.BLOCK_COLS, "--block", String.valueOf(rc[1]));
        }
        // The generators' own messages name their parameters; these two are worth naming as options.
        if (g == Generator.N_OF_M && v.integer(Param.N) > v.integer(Param.M)) {
            throw usage("--n: expected at most --m (" + v.integer(Param.M) + "), was " + v.integer(Param.N));
        }
        if (g == Generator.FAN_IN && v.integer(Param.FAN_IN) > source.size()) {
            throw usage("--k: expected at most IN of --shape (" + source.size() + "), was " + v.integer(Param.FAN_IN));
        }
        Mask mask;
        try {
            mask = g.generate(source, target, new Mask(target.size(), source.size()), v);
        } catch (IllegalArgumentException e) {
            throw usage("--kind " + kind + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // A shape is only two numbers; what it asks for is checked against the heap here rather than guessed before.
            throw new CliException("--shape " + shape + ": the mask does not fit the Java heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); start Java with a larger -Xmx", e);
        }
        try {
            MaskFormats.write(out, mask, new MaskWriteOptions(sparse, outKey));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(out + ": cannot write: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s, mask [out_features, in_features] = [%d, %d], %d connections, density %.4f%n",
                out, g.describe(v), mask.rows(), mask.cols(), mask.nnz(), mask.density());
        return MaskStudioCommand.OK;
    }

    private int generateGraph() {
        if (shape != null || kind != null) throw usage("--graph gives every pair a random mask: leave out --shape and --kind");
        List<String> maskOnly = given("--min-fan-in", minFanIn, "--n", n, "--m", m, "--k", k, "--block", block, "--kernel", kernel,
                "--stride", stride, "--padding", padding, "--in-shape", inShape, "--out-shape", outShape, "--half-width", halfWidth,
                "--groups", groups, "--sparse", sparse ? "" : null);
        if (!maskOnly.isEmpty()) throw usage(String.join(", ", maskOnly) + ": not used with --graph");
        if (density == null) throw usage("--graph needs --density D (the whole network's density)");
        DensityAllocation a = DensityAllocation.byId(allocation).orElseThrow(() -> usage("--allocation: expected uniform or erk, was '" + allocation + "'"));
        if (!out.getFileName().toString().endsWith(".json")) throw usage("--out " + out + ": with --graph, expected a graph file name ending in .graph.json");
        double d = parse(Param.DENSITY, "--density", density);
        long s = seed == null ? (long) Param.SEED.initial() : (long) parse(Param.SEED, "--seed", seed);
        LoadedGraph loaded = GraphIo.load(graph);
        NetworkDesign design = loaded.design();
        List<Mask> masks = NetworkMasks.random(design, a, d, s);
        for (int p = 0; p < masks.size(); p++) design.setMask(p, masks.get(p));
        try {
            GraphFile.write(out, design, loaded.extras());
        } catch (IOException e) {
            throw new CliException(out + ": cannot write: " + e.getMessage(), e);
        }
        long nnz = 0, cells = 0;
        List<String> perPair = new ArrayList<>();
        for (int p = 0; p < masks.size(); p++) {
            Mask mk = masks.get(p);
            nnz += mk.nnz();
            cells += (long) mk.rows() * mk.cols();
            perPair.add(String.format(Locale.ROOT, "%s->%s %.4f", design.layer(p).name(), design.layer(p + 1).name(), mk.density()));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d of %d connections (density %.4f, %s, seed %d); per pair: %s%n",
                out, nnz, cells, nnz / (double) cells, a.id(), s, String.join(", ", perPair));
        return MaskStudioCommand.OK;
    }

    /** The options of a single mask that this kind has no use for: refused rather than silently ignored. */
    private void refuseUnused(Generator g) {
        Map<String, Param> given = new LinkedHashMap<>();
        String[] values = {density, seed, minFanIn, n, m, k, block, kernel, stride, padding, halfWidth, groups};
        String[] names = {"--density", "--seed", "--min-fan-in", "--n", "--m", "--k", "--block", "--kernel", "--stride", "--padding",
                "--half-width", "--groups"};
        Param[] params = {Param.DENSITY, Param.SEED, Param.MIN_FAN_IN, Param.N, Param.M, Param.FAN_IN, Param.BLOCK_ROWS, Param.KERNEL,
                Param.STRIDE, Param.PADDING, Param.HALF_WIDTH, Param.GROUPS};
        for (int i = 0; i < values.length; i++) if (values[i] != null) given.put(names[i], params[i]);
        List<String> unused = new ArrayList<>();
        given.forEach((option, p) -> {
            if (!g.params().contains(p)) unused.add(option);
        });
        boolean grids = g == Generator.LOCAL_2D;
        if (!grids && inShape != null) unused.add("--in-shape");
        if (!grids && outShape != null) unused.add("--out-shape");
        if (!unused.isEmpty()) throw usage(String.join(", ", unused) + ": not used by --kind " + kind);
        if (grids && inShape == null) throw usage("--kind local needs --in-shape HxW (the input grid)");
    }

    /** The option names, of {@code name, value, name, value, ...}, whose value is given (not null). */
    private static List<String> given(String... namesAndValues) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) if (namesAndValues[i + 1] != null) l.add(namesAndValues[i]);
        return l;
    }

    private LayerSpec layer(String name, int size, String grid, String option) {
        Activation a = name.equals("input") ? Activation.IDENTITY : Activation.RELU;
        if (grid == null) return LayerSpec.vector(name, size, a);
        int[] hw = pair(option, grid, "HxW");
        long cells = (long) hw[0] * hw[1];
        if (size % cells != 0) {
            throw usage(option + " " + grid + ": " + (name.equals("input") ? "IN" : "OUT") + " of --shape is " + size
                    + ", expected a multiple of " + cells + " (one " + grid + " grid per channel)");
        }
        return LayerSpec.grid(name, (int) (size / cells), hw[0], hw[1], a);
    }

    private Generator.Values with(Generator.Values v, Param p, String option, String text) {
        return text == null ? v : v.with(p, parse(p, option, text));
    }

    /** The dialog's own parsing and range (the same numbers are accepted in both places), the message naming the option. */
    private double parse(Param p, String option, String text) {
        try {
            return p.parse(text);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            if (msg.startsWith(p.label() + ": ")) msg = msg.substring(p.label().length() + 2);
            throw usage(option + ": " + msg);
        }
    }

    private int[] pair(String option, String text, String expected) {
        Matcher mt = PAIR.matcher(text.strip());
        if (!mt.matches() || Integer.parseInt(mt.group(1)) < 1 || Integer.parseInt(mt.group(2)) < 1) {
            throw usage(option + ": expected " + expected + " with two whole numbers of at least 1, e.g. 300x784, was '" + text + "'");
        }
        return new int[] {Integer.parseInt(mt.group(1)), Integer.parseInt(mt.group(2))};
    }

    private static String kindIds() {
        return Arrays.stream(Generator.values()).flatMap(g -> g.id().stream()).collect(Collectors.joining(", "));
    }

    private static CliException usage(String message) {
        return new CliException(message, MaskStudioCommand.USAGE);
    }
}
