package io.maskstudio.render;

import io.maskstudio.io.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A {@link LineChart} as an SVG document or a PNG image (Java2D, which runs headless). Files are replaced
 * atomically; the format follows the file name ({@code .svg}, otherwise PNG).
 */
public final class ChartImages {
    private ChartImages() {}

    /** Anything that lays itself out on a {@link ChartCanvas} ({@link LineChart}, {@link DensityChart}), so each gets SVG and PNG alike. */
    public interface Drawing {
        void draw(ChartCanvas canvas, int width, int height);
    }

    public static String svg(LineChart chart, int width, int height) {
        return svg(chart::draw, width, height);
    }

    public static BufferedImage png(LineChart chart, int width, int height) {
        return png(chart::draw, width, height);
    }

    public static void write(LineChart chart, Path file, int width, int height) throws IOException {
        write((Drawing) chart::draw, file, width, height);
    }

    public static String svg(Drawing chart, int width, int height) {
        SvgCanvas c = new SvgCanvas(width, height);
        chart.draw(c, width, height);
        return c.finish();
    }

    public static BufferedImage png(Drawing chart, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(new Java2dCanvas(g), width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void write(Drawing chart, Path file, int width, int height) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            byte[] bytes = svg(chart, width, height).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.writeBytes(file, bytes);
        } else {
            BufferedImage img = png(chart, width, height);
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available in this Java runtime");
            });
        }
    }

    private static final class SvgCanvas implements ChartCanvas {
        private final StringBuilder sb = new StringBuilder();

        SvgCanvas(int width, int height) {
            sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"sans-serif\">\n");
        }

        String finish() {
            return sb.append("</svg>\n").toString();
        }

        @Override
        public void rect(double x, double y, double w, double h, int rgb) {
            sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w)).append("\" height=\"").append(f(h))
                    .append("\" fill=\"").append(hex(rgb)).append("\"/>\n");
        }

        @Override
        public void strokeRect(double x, double y, double w, double h, int rgb) {
            sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w)).append("\" height=\"").append(f(h))
                    .append("\" fill=\"none\" stroke=\"").append(hex(rgb)).append("\"/>\n");
        }

        @Override
        public void line(double x0, double y0, double x1, double y1, int rgb, double width) {
            sb.append("<line x1=\"").append(f(x0)).append("\" y1=\"").append(f(y0)).append("\" x2=\"").append(f(x1)).append("\" y2=\"").append(f(y1))
                    .append("\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"").append(f(width)).append("\"/>\n");
        }

        @Override
        public void polyline(List<double[]> points, int rgb, double width, boolean dashed) {
            sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"").append(f(width))
                    .append(dashed ? "\" stroke-dasharray=\"6,4" : "").append("\" points=\"").append(points(points)).append("\"/>\n");
        }

        /** A group with the event's kind and its detail as a title, which SVG viewers show on hover. */
        @Override
        public void marker(double x, double top, double bottom, int rgb, String label, String detail) {
            sb.append("<g class=\"marker\" data-kind=\"").append(escape(label)).append("\"><title>").append(escape(detail)).append("</title>")
                    .append("<line x1=\"").append(f(x)).append("\" y1=\"").append(f(top)).append("\" x2=\"").append(f(x)).append("\" y2=\"").append(f(bottom))
                    .append("\" stroke=\"").append(hex(rgb)).append("\" stroke-width=\"1\"/>")
                    .append("<polygon fill=\"").append(hex(rgb)).append("\" points=\"").append(f(x - 4)).append(',').append(f(top)).append(' ')
                    .append(f(x + 4)).append(',').append(f(top)).append(' ').append(f(x)).append(',').append(f(top + 6)).append("\"/></g>\n");
        }

        @Override
        public void fillPolygon(List<double[]> points, int rgb, double opacity) {
            sb.append("<polygon class=\"band\" fill=\"").append(hex(rgb)).append("\" fill-opacity=\"").append(f(opacity))
                    .append("\" points=\"").append(points(points)).append("\"/>\n");
        }

        @Override
        public void dot(double x, double y, double r, int rgb) {
            sb.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"").append(f(r))
                    .append("\" fill=\"").append(hex(rgb)).append("\"/>\n");
        }

        @Override
        public void text(double x, double y, String s, Anchor anchor, double size, int rgb) {
            sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"").append(f(size)).append("\" fill=\"").append(hex(rgb))
                    .append("\" text-anchor=\"").append(anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end").append("\">")
                    .append(escape(s)).append("</text>\n");
        }

        @Override
        public void verticalText(double x, double y, String s, double size, int rgb) {
            sb.append("<text transform=\"translate(").append(f(x)).append(',').append(f(y)).append(") rotate(-90)\" font-size=\"").append(f(size))
                    .append("\" fill=\"").append(hex(rgb)).append("\" text-anchor=\"middle\">").append(escape(s)).append("</text>\n");
        }

        private static String points(List<double[]> pts) {
            StringBuilder p = new StringBuilder();
            for (double[] xy : pts) p.append(p.length() == 0 ? "" : " ").append(f(xy[0])).append(',').append(f(xy[1]));
            return p.toString();
        }

        private static String f(double v) {
            return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
        }

        private static String hex(int rgb) {
            return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    private static final class Java2dCanvas implements ChartCanvas {
        private final Graphics2D g;

        Java2dCanvas(Graphics2D g) {
            this.g = g;
        }

        @Override
        public void rect(double x, double y, double w, double h, int rgb) {
            g.setColor(new Color(rgb));
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void strokeRect(double x, double y, double w, double h, int rgb) {
            g.setColor(new Color(rgb));
            g.setStroke(new BasicStroke(1));
            g.draw(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void line(double x0, double y0, double x1, double y1, int rgb, double width) {
            g.setColor(new Color(rgb));
            g.setStroke(new BasicStroke((float) width));
            g.draw(new Line2D.Double(x0, y0, x1, y1));
        }

        @Override
        public void polyline(List<double[]> points, int rgb, double width, boolean dashed) {
            g.setColor(new Color(rgb));
            g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[]{6, 4}, 0)
                    : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path(points, false));
        }

        @Override
        public void fillPolygon(List<double[]> points, int rgb, double opacity) {
            g.setColor(new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, (int) Math.round(opacity * 255)));
            g.fill(path(points, true));
        }

        @Override
        public void dot(double x, double y, double r, int rgb) {
            g.setColor(new Color(rgb));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }

        @Override
        public void text(double x, double y, String s, Anchor anchor, double size, int rgb) {
            g.setColor(new Color(rgb));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
            double w = g.getFontMetrics().stringWidth(s);
            double dx = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
            g.drawString(s, (float) (x + dx), (float) y);
        }

        @Override
        public void verticalText(double x, double y, String s, double size, int rgb) {
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            g.rotate(-Math.PI / 2);
            text(0, 0, s, Anchor.MIDDLE, size, rgb);
            g.setTransform(saved);
        }

        private static Path2D path(List<double[]> points, boolean close) {
            Path2D.Double p = new Path2D.Double();
            for (int k = 0; k < points.size(); k++) {
                if (k == 0) p.moveTo(points.get(k)[0], points.get(k)[1]);
                else p.lineTo(points.get(k)[0], points.get(k)[1]);
            }
            if (close) p.closePath();
            return p;
        }
    }
}
