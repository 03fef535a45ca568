package io.maskstudio.render;

import io.maskstudio.model.Mask;

import java.util.BitSet;

/**
 * Draws a layer pair as two columns of neurons joined by one line per connection, or by bundles
 * when there are more than {@link BipartiteStyle#bundleThreshold()} of them. With a {@link Highlight},
 * all other lines are dimmed and the fan-in/fan-out of the emphasized neurons is drawn on top.
 * Not thread-safe (keeps a reusable line buffer); use one renderer per thread.
 */
public final class BipartiteRenderer {
    private static final double DIMMED = 0.35;
    private final BipartiteStyle style;
    private final EdgeAccumulator lines = new EdgeAccumulator();

    public BipartiteRenderer() {
        this(BipartiteStyle.DEFAULT);
    }

    public BipartiteRenderer(BipartiteStyle style) {
        this.style = style;
    }

    public BipartiteStyle style() { return style; }

    public RenderStats render(Raster target, BipartiteLayout layout, Mask mask) {
        return render(target, layout, mask, Highlight.NONE);
    }

    public RenderStats render(Raster target, BipartiteLayout layout, Mask mask, Highlight highlight) {
        layout.requireShape(mask);
        target.fill(style.background());
        long nnz = mask.nnz();
        boolean emphasis = !highlight.isEmpty();
        boolean bundled = nnz > style.bundleThreshold();
        int drawn = drawEdges(target, layout, mask, nnz, bundled, style.edge(), emphasis ? DIMMED : 1);
        BitSet srcEmph = highlight.emphasizedSources(), tgtEmph = highlight.emphasizedTargets();
        drawNeurons(target, layout, mask, highlight, srcEmph, tgtEmph);
        // Emphasized lines go on top of the neurons, so a fan-in visibly converges into its cell.
        int emphasized = 0;
        if (!srcEmph.isEmpty() || !tgtEmph.isEmpty()) {
            Mask fan = fanOf(mask, srcEmph, tgtEmph);
            long n = fan.nnz();
            emphasized = drawEdges(target, layout, fan, n, n > style.bundleThreshold(), style.emphasis(), 1);
        }
        Cell c = highlight.hoveredConnection();
        if (c != null && c.row() < mask.rows() && c.col() < mask.cols()) {
            drawThickLine(target, layout.source().x(c.col()), layout.source().y(c.col()),
                    layout.target().x(c.row()), layout.target().y(c.row()), style.hovered());
        }
        return new RenderStats(nnz, bundled, drawn, emphasized);
    }

    /** @return lines drawn */
    private int drawEdges(Raster target, BipartiteLayout layout, Mask mask, long nnz, boolean bundled, int argb, double opacityScale) {
        if (nnz == 0) return 0;
        lines.reset(target.width(), target.height());
        int drawn;
        if (bundled) {
            Bundles b = Bundles.of(layout, mask, style.maxBins());
            int max = b.maxConnections();
            b.forEach((x0, y0, x1, y1, n) ->
                    lines.addLine(x0, y0, x1, y1, EdgeAccumulator.weightOf(BipartiteStyle.bundleOpacity(n, max, b.count()) * opacityScale)));
            drawn = b.count();
        } else {
            int w = EdgeAccumulator.weightOf(BipartiteStyle.lineOpacity(nnz) * opacityScale);
            double[] sx = layout.source().xs(), sy = layout.source().ys(), tx = layout.target().xs(), ty = layout.target().ys();
            for (int o = 0; o < mask.rows(); o++) {
                double x1 = tx[o], y1 = ty[o];
                mask.forEachInRow(o, i -> lines.addLine(sx[i], sy[i], x1, y1, w));
            }
            drawn = (int) nnz;
        }
        lines.compositeOnto(target, argb & 0xFFFFFF);
        return drawn;
    }

    /** Connections with an emphasized target (its fan-in) or an emphasized source (its fan-out). */
    static Mask fanOf(Mask mask, BitSet sources, BitSet targets) {
        Mask fan = new Mask(mask.rows(), mask.cols());
        for (int o = 0; o < mask.rows(); o++) {
            final int out = o;
            boolean wholeRow = targets.get(o);
            mask.forEachInRow(o, i -> { if (wholeRow || sources.get(i)) fan.set(out, i, true); });
        }
        return fan;
    }

    private static void drawThickLine(Raster r, double x0, double y0, double x1, double y1, int argb) {
        // Two offset antialiased strokes read as a ~2 px line at any angle.
        boolean steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
        double ox = steep ? 0.5 : 0, oy = steep ? 0 : 0.5;
        r.drawLineAntialiased(x0 - ox, y0 - oy, x1 - ox, y1 - oy, argb);
        r.drawLineAntialiased(x0 + ox, y0 + oy, x1 + ox, y1 + oy, argb);
    }

    private void drawNeurons(Raster r, BipartiteLayout layout, Mask mask, Highlight h, BitSet srcEmph, BitSet tgtEmph) {
        // Partners: sources feeding an emphasized target, targets fed by an emphasized source.
        BitSet srcPartners = new BitSet(), tgtPartners = new BitSet();
        for (int o = tgtEmph.nextSetBit(0); o >= 0 && o < mask.rows(); o = tgtEmph.nextSetBit(o + 1)) {
            mask.forEachInRow(o, srcPartners::set);
        }
        if (!srcEmph.isEmpty()) {
            long[] words = srcEmph.toLongArray();
            long[] padded = new long[(mask.cols() + 63) >>> 6];
            System.arraycopy(words, 0, padded, 0, Math.min(words.length, padded.length));
            for (int o = 0; o < mask.rows(); o++) if (mask.rowIntersects(o, padded)) tgtPartners.set(o);
        }
        Cell hc = h.hoveredConnection();
        drawSide(r, layout.source(), h.selectedSources(), srcPartners, h.hoveredSource(), hc == null ? -1 : hc.col());
        drawSide(r, layout.target(), h.selectedTargets(), tgtPartners, h.hoveredTarget(), hc == null ? -1 : hc.row());
    }

    private void drawSide(Raster r, LayerLayout side, BitSet selected, BitSet partners, int hovered, int hoveredEnd) {
        if (side.isGrid()) {
            drawGridPanels(r, side);
        }
        for (int i = 0; i < side.size(); i++) {
            int color = i == hovered || i == hoveredEnd ? style.hovered()
                    : selected.get(i) ? style.selected()
                    : partners.get(i) ? style.partner()
                    : side.isGrid() ? style.gridCell() : style.neuron();
            drawNeuron(r, side, i, color);
        }
    }

    private void drawGridPanels(Raster r, LayerLayout side) {
        // An opaque panel behind each channel block hides the lines' ends inside the grid.
        double cell = side.cellSize();
        int pad = cell >= 5 ? 2 : 1;
        for (int ch = 0; ch < side.spec().channels(); ch++) {
            double[] o = side.blockOrigin(ch);
            int x0 = (int) Math.round(o[0]) - pad, y0 = (int) Math.round(o[1]) - pad;
            int x1 = (int) Math.round(o[0] + side.spec().width() * cell) + pad, y1 = (int) Math.round(o[1] + side.spec().height() * cell) + pad;
            r.fillRect(x0, y0, x1 - x0, y1 - y0, style.gridPanel());
        }
    }

    private static void drawNeuron(Raster r, LayerLayout side, int i, int color) {
        if (side.isGrid()) {
            double half = side.cellSize() / 2;
            int inset = side.cellSize() >= 5 ? 1 : 0;
            int x0 = (int) Math.round(side.x(i) - half), y0 = (int) Math.round(side.y(i) - half);
            int x1 = (int) Math.round(side.x(i) + half), y1 = (int) Math.round(side.y(i) + half);
            r.fillRect(x0, y0, Math.max(1, x1 - x0 - inset), Math.max(1, y1 - y0 - inset), color);
        } else {
            r.fillCircle(side.x(i), side.y(i), side.radius(), color);
        }
    }
}
