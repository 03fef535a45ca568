package io.maskstudio.render;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the figures a person should look at after changing the renderers (written to
 * {@code target/render-figures/}): the digits 8x8 -> 6x6 local receptive field pair as bipartite
 * and matrix views, plain and with a selected neuron, and a dense 784 -> 1000 pair in bundle mode.
 */
class FigureSmokeTest {
    private static final Path OUT = Path.of("target", "render-figures");

    @Test
    void writesTheLocalReceptiveFieldFigures() throws IOException {
        Mask m = TestMasks.localReceptiveField8to6();
        BipartiteLayout layout = BipartiteLayout.of(TestMasks.DIGITS, TestMasks.HIDDEN, 800, 500);
        BipartiteRenderer renderer = new BipartiteRenderer();
        Raster plain = new Raster(800, 500);
        renderer.render(plain, layout, m);
        PngWriter.write(plain, OUT.resolve("lrf-bipartite.png"));

        BitSet sel = new BitSet();
        sel.set(14); // hidden (2,2): its 3x3 field should show as a patch at input rows 2..4, cols 2..4
        Raster selected = new Raster(800, 500);
        renderer.render(selected, layout, m, Highlight.NONE.withSelection(new BitSet(), sel).withHover(new NeuronHit(Side.SOURCE, 63)));
        PngWriter.write(selected, OUT.resolve("lrf-bipartite-selected.png"));

        Raster matrix = new Raster(640, 400);
        new MatrixRenderer().render(matrix, m, MatrixViewport.fit(36, 64, 640, 400));
        PngWriter.write(matrix, OUT.resolve("lrf-matrix.png"));

        SvgWriter.write(SvgWriter.bipartite(TestMasks.DIGITS, TestMasks.HIDDEN, m, 800, 560, null, BipartiteStyle.DEFAULT), OUT.resolve("lrf-bipartite.svg"));
        SvgWriter.write(SvgWriter.matrix(TestMasks.DIGITS, TestMasks.HIDDEN, m, null, 640, MatrixStyle.DEFAULT), OUT.resolve("lrf-matrix.svg"));
        assertTrue(Files.size(OUT.resolve("lrf-bipartite.png")) > 0);
    }

    @Test
    void writesADenseBundledFigure() throws IOException {
        LayerSpec mnist = LayerSpec.grid("mnist", 28, 28, Activation.IDENTITY);
        LayerSpec hidden = LayerSpec.vector("hidden", 1000, Activation.RELU);
        Mask m = TestMasks.random(1000, 784, 100_000, 5);
        Raster r = new Raster(1600, 1000);
        RenderStats s = new BipartiteRenderer().render(r, BipartiteLayout.of(mnist, hidden, 1600, 1000), m);
        assertTrue(s.bundled());
        PngWriter.write(r, OUT.resolve("dense-bundled.png"));
        Raster direct = new Raster(1600, 1000);
        Mask sparse = TestMasks.random(1000, 784, 10_000, 6);
        new BipartiteRenderer().render(direct, BipartiteLayout.of(mnist, hidden, 1600, 1000), sparse);
        PngWriter.write(direct, OUT.resolve("sparse-direct.png"));
        Raster matrix = new Raster(1600, 1000);
        new MatrixRenderer().render(matrix, m, MatrixViewport.fit(1000, 784, 1600, 1000).zoomedAt(800, 500, 0.6));
        PngWriter.write(matrix, OUT.resolve("dense-matrix-zoomed-out.png"));
    }
}
