package io.maskstudio.cli;

import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Draws a layer pair of a graph file as a figure, the same views as the app, without a display.",
                "PNG is the raster view; SVG has a real vector line per connection, or aggregated bundles when there are",
                "more than 10,000 (a bundle's opacity shows how many connections it stands for)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:figure written", "1:bad graph file or cannot write", "2:bad usage"})
final class RenderCommand implements Callable<Integer> {
    static final int MAX_SIDE = 16_384;

    @Parameters(index = "0", paramLabel = "GRAPH", description = "graph file (*.graph.json)")
    Path graph;

    @Option(names = "--pair", paramLabel = "K", defaultValue = "0",
            description = "layer pair K = layer K -> layer K+1, counted from 0 (default: ${DEFAULT-VALUE})")
    int pair;

    @Option(names = "--view", paramLabel = "bipartite|matrix", defaultValue = "bipartite",
            description = "bipartite (two columns or grids of neurons) or matrix (rows = targets, columns = sources); default: ${DEFAULT-VALUE}")
    String view;

    @Option(names = "--out", required = true, paramLabel = "FILE.png|FILE.svg", description = "figure file; the extension picks the format")
    Path out;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1600", description = "width in pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Override
    public Integer call() {
        Figures.View v = parseView();
        String ext = extension(out);
        if (!ext.equals("png") && !ext.equals("svg")) {
            throw new CliException(out + ": figure files must end in .png or .svg", MaskStudioCommand.USAGE);
        }
        if (width < 16 || width > MAX_SIDE) {
            throw new CliException("--width must be between 16 and " + MAX_SIDE + ", was " + width, MaskStudioCommand.USAGE);
        }
        NetworkDesign design = GraphIo.read(graph);
        if (pair < 0 || pair >= design.pairCount()) {
            throw new CliException(graph + ": layer pair " + pair + " does not exist; the design has pairs 0.."
                    + (design.pairCount() - 1), MaskStudioCommand.USAGE);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new CliException(out + ": cannot write: no such directory " + parent);
        try {
            Figures.write(design, pair, v, out, width, height(design, v));
        } catch (IOException e) {
            throw new CliException(out + ": cannot write: " + e.getMessage(), e);
        }
        return MaskStudioCommand.OK;
    }

    private Figures.View parseView() {
        return switch (view.toLowerCase(Locale.ROOT)) {
            case "bipartite" -> Figures.View.BIPARTITE;
            case "matrix" -> Figures.View.MATRIX;
            default -> throw new CliException("--view must be bipartite or matrix, was '" + view + "'", MaskStudioCommand.USAGE);
        };
    }

    /** Bipartite figures are 16:10; a matrix figure follows the mask's aspect ratio (within 1:4 and 4:1). */
    private int height(NetworkDesign design, Figures.View v) {
        if (v == Figures.View.BIPARTITE) return Math.max(16, (int) Math.round(width * 0.625));
        Mask m = design.mask(pair);
        double aspect = Math.max(0.25, Math.min(4, m.rows() / (double) m.cols()));
        return (int) Math.max(16, Math.min(MAX_SIDE, Math.round(width * aspect)));
    }

    private static String extension(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
