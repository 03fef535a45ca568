package io.maskstudio.render;

import io.maskstudio.io.AtomicFiles;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Vector figures of a layer pair for papers: the bipartite view as {@code <line>}, {@code <circle>}
 * and {@code <rect>} elements (bundles with stroke-opacity above the style's threshold) and the
 * matrix view as {@code <rect>}s, one per run of connected cells (identical runs in consecutive rows
 * merged into one taller rect). Each figure carries a title, layer names, sizes and density.
 */
public final class SvgWriter {
    private static final int HEADER = 48, LABEL_ROW = 18, MARGIN = 16;
    private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";

    private SvgWriter() {}

    public static String bipartite(NetworkDesign design, int pair, int width, int height) {
        return bipartite(design.layer(pair), design.layer(pair + 1), design.mask(pair), width, height, null, BipartiteStyle.DEFAULT);
    }

    /** @param title null for "source → target" */
    public static String bipartite(LayerSpec source, LayerSpec target, Mask mask, int width, int height, String title, BipartiteStyle style) {
        int top = HEADER + LABEL_ROW;
        BipartiteLayout layout = BipartiteLayout.of(source, target, 0, top, width, Math.max(1, height - top));
        layout.requireShape(mask);
        long nnz = mask.nnz();
        boolean bundled = nnz > style.bundleThreshold();
        StringBuilder sb = new StringBuilder(256 + (int) Math.min(50_000_000, nnz * 64));
        open(sb, width, height, style.background());
        StringBuilder edges = new StringBuilder();
        String summary = describePair(source, target, mask, nnz);
        if (bundled) {
            Bundles b = Bundles.of(layout, mask, style.maxBins());
            summary += " · drawn as " + b.count() + " bundles";
            edges.append("<g class=\"bundles\" stroke=\"").append(Argb.hex(style.edge())).append("\" stroke-width=\"1\" stroke-linecap=\"round\">\n");
            int max = b.maxConnections();
            b.forEach((x0, y0, x1, y1, n) -> edges.append("<line x1=\"").append(f(x0)).append("\" y1=\"").append(f(y0))
                    .append("\" x2=\"").append(f(x1)).append("\" y2=\"").append(f(y1))
                    .append("\" stroke-opacity=\"").append(f3(BipartiteStyle.bundleOpacity(n, max, b.count()))).append("\"><title>")
                    .append(n).append(" connections</title></line>\n"));
        } else {
            edges.append("<g class=\"edges\" stroke=\"").append(Argb.hex(style.edge())).append("\" stroke-width=\"0.8\" stroke-opacity=\"")
                    .append(f3(BipartiteStyle.lineOpacity(nnz))).append("\" stroke-linecap=\"round\">\n");
            LayerLayout s = layout.source(), t = layout.target();
            for (int o = 0; o < mask.rows(); o++) {
                final int out = o;
                mask.forEachInRow(o, i -> edges.append("<line x1=\"").append(f(s.x(i))).append("\" y1=\"").append(f(s.y(i)))
                        .append("\" x2=\"").append(f(t.x(out))).append("\" y2=\"").append(f(t.y(out))).append("\"/>\n"));
            }
        }
        edges.append("</g>\n");
        header(sb, title != null ? title : source.name() + " → " + target.name(), summary);
        double[] sb0 = layout.source().bounds(), tb0 = layout.target().bounds();
        text(sb, sb0[0], top - 6, "start", 12, "label", layerLabel(source));
        text(sb, tb0[0] + tb0[2], top - 6, "end", 12, "label", layerLabel(target));
        sb.append(edges);
        neurons(sb, layout.source(), style);
        neurons(sb, layout.target(), style);
        return sb.append("</svg>\n").toString();
    }

    public static String matrix(NetworkDesign design, int pair, int maxSize) {
        return matrix(design.layer(pair), design.layer(pair + 1), design.mask(pair), null, maxSize, MatrixStyle.DEFAULT);
    }

    /**
     * @param maxSize the longer side of the matrix drawing in px (cells may be fractional)
     */
    public static String matrix(LayerSpec source, LayerSpec target, Mask mask, String title, int maxSize, MatrixStyle style) {
        if (mask.rows() != target.size() || mask.cols() != source.size()) throw new IllegalArgumentException("mask shape does not match the layers");
        double s = Math.min(maxSize / (double) mask.cols(), maxSize / (double) mask.rows());
        double mw = s * mask.cols(), mh = s * mask.rows();
        int left = 44, top = HEADER + LABEL_ROW + 12;
        int width = (int) Math.ceil(left + mw + MARGIN), height = (int) Math.ceil(top + mh + MARGIN);
        StringBuilder sb = new StringBuilder();
        open(sb, width, height, 0xFFFFFFFF);
        header(sb, title != null ? title : source.name() + " → " + target.name() + " (matrix)", describePair(source, target, mask, mask.nnz()));
        text(sb, left + mw / 2, top - 16, "middle", 12, "label", "columns: inputs, " + layerLabel(source));
        sb.append("<text class=\"label\" ").append(FONT).append(" font-size=\"12\" text-anchor=\"middle\" transform=\"translate(")
                .append(f(left - 24)).append(' ').append(f(top + mh / 2)).append(") rotate(-90)\">")
                .append(esc("rows: outputs, " + layerLabel(target))).append("</text>\n");
        text(sb, left, top - 3, "start", 9, "tick", "0");
        text(sb, left + mw, top - 3, "end", 9, "tick", Integer.toString(mask.cols() - 1));
        text(sb, left - 3, top + Math.min(mh, 9), "end", 9, "tick", "0");
        text(sb, left - 3, top + mh, "end", 9, "tick", Integer.toString(mask.rows() - 1));
        sb.append("<rect class=\"matrix\" x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(f(mw))
                .append("\" height=\"").append(f(mh)).append("\" fill=\"").append(Argb.hex(style.absent()))
                .append("\" stroke=\"#999999\" stroke-width=\"0.5\"/>\n");
        sb.append("<g class=\"cells\" fill=\"").append(Argb.hex(style.connected())).append("\" shape-rendering=\"crispEdges\">\n");
        mergedRuns(mask, (r0, r1, c0, c1) -> sb.append("<rect x=\"").append(f(left + c0 * s)).append("\" y=\"").append(f(top + r0 * s))
                .append("\" width=\"").append(f((c1 - c0) * s)).append("\" height=\"").append(f((r1 - r0) * s)).append("\"/>\n"));
        sb.append("</g>\n");
        if (s >= style.gridMinCellSize()) {
            sb.append("<g class=\"grid\" stroke=\"#000000\" stroke-opacity=\"0.12\" stroke-width=\"0.5\">\n");
            for (int c = 1; c < mask.cols(); c++) {
                sb.append("<line x1=\"").append(f(left + c * s)).append("\" y1=\"").append(top).append("\" x2=\"").append(f(left + c * s))
                        .append("\" y2=\"").append(f(top + mh)).append("\"/>\n");
            }
            for (int r = 1; r < mask.rows(); r++) {
                sb.append("<line x1=\"").append(left).append("\" y1=\"").append(f(top + r * s)).append("\" x2=\"").append(f(left + mw))
                        .append("\" y2=\"").append(f(top + r * s)).append("\"/>\n");
            }
            sb.append("</g>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    public static void write(String svg, Path path) throws IOException {
        byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    interface RectConsumer {
        /** Rows {@code [r0, r1)}, columns {@code [c0, c1)}, all connected. */
        void rect(int r0, int r1, int c0, int c1);
    }

    /** Runs of connected cells per row; a run repeated in the next row extends the same rect downwards. */
    static void mergedRuns(Mask mask, RectConsumer out) {
        Map<Long, Integer> open = new HashMap<>(); // run (c0,c1) -> first row
        for (int r = 0; r < mask.rows(); r++) {
            Map<Long, Integer> next = new HashMap<>();
            long[] words = mask.rowWords(r);
            int c = MatrixRenderer.nextSetBit(words, 0, mask.cols() - 1);
            while (c >= 0) {
                int end = c;
                while (end + 1 < mask.cols() && (words[(end + 1) >>> 6] & (1L << (end + 1))) != 0) end++;
                long key = ((long) c << 32) | (end + 1);
                Integer start = open.remove(key);
                next.put(key, start != null ? start : r);
                c = MatrixRenderer.nextSetBit(words, end + 1, mask.cols() - 1);
            }
            final int row = r;
            open.forEach((key, start) -> out.rect(start, row, (int) (key >>> 32), (int) (long) key));
            open = next;
        }
        open.forEach((key, start) -> out.rect(start, mask.rows(), (int) (key >>> 32), (int) (long) key));
    }

    private static void neurons(StringBuilder sb, LayerLayout side, BipartiteStyle style) {
        sb.append("<g class=\"neurons\" data-layer=\"").append(esc(side.spec().name())).append("\">\n");
        if (side.isGrid()) {
            double cell = side.cellSize(), pad = Math.min(2, cell * 0.2), gap = cell >= 5 ? 1 : 0;
            for (int ch = 0; ch < side.spec().channels(); ch++) {
                double[] o = side.blockOrigin(ch);
                rect(sb, o[0] - pad, o[1] - pad, side.spec().width() * cell + 2 * pad, side.spec().height() * cell + 2 * pad, style.gridPanel());
            }
            for (int i = 0; i < side.size(); i++) {
                rect(sb, side.x(i) - cell / 2, side.y(i) - cell / 2, cell - gap, cell - gap, style.gridCell());
            }
        } else {
            sb.append("<g fill=\"").append(Argb.hex(style.neuron())).append("\">\n");
            for (int i = 0; i < side.size(); i++) {
                sb.append("<circle cx=\"").append(f(side.x(i))).append("\" cy=\"").append(f(side.y(i)))
                        .append("\" r=\"").append(f(side.radius())).append("\"/>\n");
            }
            sb.append("</g>\n");
        }
        sb.append("</g>\n");
    }

    private static void rect(StringBuilder sb, double x, double y, double w, double h, int argb) {
        sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w))
                .append("\" height=\"").append(f(h)).append("\" fill=\"").append(Argb.hex(argb)).append("\"/>\n");
    }

    private static void open(StringBuilder sb, int width, int height, int background) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n")
                .append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"").append(Argb.hex(background)).append("\"/>\n");
    }

    private static void header(StringBuilder sb, String title, String subtitle) {
        text(sb, MARGIN, 22, "start", 16, "title", title);
        text(sb, MARGIN, 40, "start", 12, "subtitle", subtitle);
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, int size, String cls, String s) {
        sb.append("<text class=\"").append(cls).append("\" x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" ").append(FONT)
                .append(" font-size=\"").append(size).append("\" text-anchor=\"").append(anchor).append("\" fill=\"#222222\">")
                .append(esc(s)).append("</text>\n");
    }

    static String layerLabel(LayerSpec l) {
        if (!l.hasShape()) return l.name() + " (" + l.size() + ")";
        String shape = (l.channels() > 1 ? l.channels() + "×" : "") + l.height() + "×" + l.width();
        return l.name() + " " + shape + " (" + l.size() + ")";
    }

    static String describePair(LayerSpec source, LayerSpec target, Mask mask, long nnz) {
        double density = nnz / ((double) mask.rows() * mask.cols());
        return source.size() + " → " + target.size() + " neurons · " + nnz + " connections · density "
                + String.format(Locale.ROOT, "%.1f%%", 100 * density);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters; drop them rather than write an unreadable file.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** Coordinates with two decimals at most, dot as separator whatever the locale. */
    static String f(double v) {
        long r = Math.round(v * 100);
        if (r % 100 == 0) return Long.toString(r / 100);
        return String.format(Locale.ROOT, "%.2f", r / 100.0).replaceAll("0$", "");
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
