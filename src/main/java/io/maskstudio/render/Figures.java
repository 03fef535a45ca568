package io.maskstudio.render;

import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** One-call figures of a design's layer pair, for the CLI: raster or SVG chosen by the file extension. */
public final class Figures {
    public enum View { BIPARTITE, MATRIX }

    private Figures() {}

    /** The bipartite view of pair {@code pair} (layer pair -> pair+1), no labels. */
    public static Raster bipartite(NetworkDesign design, int pair, int width, int height) {
        Raster r = new Raster(width, height);
        new BipartiteRenderer().render(r, BipartiteLayout.of(design.layer(pair), design.layer(pair + 1), width, height), design.mask(pair));
        return r;
    }

    /** The matrix view of pair {@code pair}, the whole matrix fitted and centred. */
    public static Raster matrix(NetworkDesign design, int pair, int width, int height) {
        Raster r = new Raster(width, height);
        var mask = design.mask(pair);
        new MatrixRenderer().render(r, mask, MatrixViewport.fit(mask.rows(), mask.cols(), width, height));
        return r;
    }

    /**
     * Writes {@code .png} (the raster view at {@code width x height}) or {@code .svg} (vector, with title
     * and labels; the matrix drawing's longer side is {@code max(width, height)}).
     */
    public static void write(NetworkDesign design, int pair, View view, Path path, int width, int height) throws IOException {
        if (pair < 0 || pair >= design.pairCount()) {
            throw new IllegalArgumentException("layer pair " + pair + " does not exist; the design has pairs 0.." + (design.pairCount() - 1));
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            String svg = view == View.BIPARTITE ? SvgWriter.bipartite(design, pair, width, height) : SvgWriter.matrix(design, pair, Math.max(width, height));
            SvgWriter.write(svg, path);
        } else if (name.endsWith(".png")) {
            PngWriter.write(view == View.BIPARTITE ? bipartite(design, pair, width, height) : matrix(design, pair, width, height), path);
        } else {
            throw new IllegalArgumentException(path + ": figure files must end in .png or .svg");
        }
    }
}
