package io.maskstudio.ui.training;

import io.maskstudio.io.AtomicFiles;
import io.maskstudio.render.ChartImages;
import io.maskstudio.render.LineChart;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One chart of run curves on a canvas, drawn by the same {@link LineChart} code as {@code runs plot}'s files: a
 * metric chooser above, values under the pointer (a guide line and a readout of every series at the nearest x),
 * an event marker's detail on hover (mask updates are ticks on the bottom edge, {@link MaskUpdateTicks}), and a
 * context menu that exports the chart as PNG or SVG and its data as CSV.
 * FX thread only; files are written off it.
 */
final class CurveChart extends VBox {
    private final ComboBox<MetricChoice> metric = new ComboBox<>();
    private final Pane plot = new Pane();
    private final Canvas canvas = new Canvas();
    private final Line guide = new Line();
    private final Label readout = new Label();
    private final Label markerDetail = new Label();
    private final ContextMenu menu = new ContextMenu();
    private LineChart chart;
    private LineChart.Layout layout;
    private int drawnPoints;
    private int drawnUpdateTicks;
    private FileDialogs dialogs = FileDialogs.NATIVE;
    private TaskRunner runner = TaskRunner.background();
    private Consumer<String> messages = m -> { };
    private final String baseName;

    /** {@code id}: the node id, and the stem of the files it suggests for export ({@code lossChart} suggests loss.png). */
    CurveChart(String id, MetricChoice initial) {
        setId(id);
        baseName = id.replace("Chart", "");
        getStyleClass().add("curve-chart");
        metric.setId(id + "Metric");
        metric.getItems().setAll(MetricChoice.values());
        metric.setValue(initial);
        metric.setTooltip(new Tooltip("What this chart shows; per-layer metrics draw one curve per pair of layers."));
        metric.setMaxWidth(Double.MAX_VALUE);
        plot.getStyleClass().add("curve-plot");
        plot.setMinSize(200, 180);
        plot.setPrefSize(480, 300);
        canvas.setId(id + "Canvas");
        canvas.widthProperty().bind(plot.widthProperty());
        canvas.heightProperty().bind(plot.heightProperty());
        canvas.widthProperty().addListener((o, a, b) -> redraw());
        canvas.heightProperty().addListener((o, a, b) -> redraw());
        guide.getStyleClass().add("curve-guide");
        readout.setId(id + "Readout");
        readout.getStyleClass().add("curve-readout");
        markerDetail.setId(id + "MarkerDetail");
        markerDetail.getStyleClass().add("curve-marker-detail");
        markerDetail.setWrapText(true);
        for (var n : new Node[] {guide, readout, markerDetail}) {
            n.setManaged(false);
            n.setMouseTransparent(true);
            n.setVisible(false);
        }
        plot.getChildren().addAll(canvas, guide, readout, markerDetail);
        plot.setOnMouseMoved(this::hover);
        plot.setOnMouseDragged(this::hover);
        plot.setOnMouseExited(e -> hideHover());
        MenuItem png = new MenuItem("Export PNG…"), svg = new MenuItem("Export SVG…"), csv = new MenuItem("Export CSV…");
        png.setId(id + "ExportPng");
        svg.setId(id + "ExportSvg");
        csv.setId(id + "ExportCsv");
        png.setOnAction(e -> export("png"));
        svg.setOnAction(e -> export("svg"));
        csv.setOnAction(e -> export("csv"));
        menu.getItems().addAll(png, svg, csv);
        plot.setOnContextMenuRequested(e -> showMenu(e.getScreenX(), e.getScreenY()));
        // Monocle (headless tests) sends no context-menu request for a right click: the press itself opens it too.
        plot.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.SECONDARY) showMenu(e.getScreenX(), e.getScreenY());
            else menu.hide();
        });
        VBox.setVgrow(plot, Priority.ALWAYS);
        setSpacing(4);
        getChildren().addAll(metric, plot);
    }

    private void showMenu(double screenX, double screenY) {
        hideHover();
        if (!menu.isShowing()) menu.show(plot, screenX, screenY);
    }

    ComboBox<MetricChoice> chooser() {
        return metric;
    }

    MetricChoice metric() {
        return metric.getValue();
    }

    /** Shows {@code c} (not changed afterwards) at once. */
    void setChart(LineChart c) {
        chart = c;
        redraw();
    }

    LineChart chart() {
        return chart;
    }

    /** Where the plot was drawn last; null before the first chart. */
    LineChart.Layout plotLayout() {
        return layout;
    }

    /** Curve points drawn by the last redraw (what is on screen, after thinning). */
    int drawnPoints() {
        return drawnPoints;
    }

    /** Mask-update ticks drawn by the last redraw (those inside the x range). */
    int drawnUpdateTicks() {
        return drawnUpdateTicks;
    }

    Label readout() {
        return readout;
    }

    Label markerDetail() {
        return markerDetail;
    }

    /** Where export messages ("wrote …", "cannot write …") go. */
    void setMessages(Consumer<String> m) {
        messages = m;
    }

    /** Tests answer the save chooser instead of the platform. */
    void setFileDialogs(FileDialogs d) {
        dialogs = d;
    }

    void setTaskRunner(TaskRunner r) {
        runner = r;
    }

    private void redraw() {
        int w = (int) Math.floor(canvas.getWidth()), h = (int) Math.floor(canvas.getHeight());
        var g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (chart == null || w < 2 || h < 2) {
            drawnPoints = 0;
            drawnUpdateTicks = 0;
            return;
        }
        FxChartCanvas c = new FxChartCanvas(g);
        MaskUpdateTicks ticks = new MaskUpdateTicks(c);
        layout = chart.draw(ticks, w, h);
        drawnPoints = c.points();
        drawnUpdateTicks = ticks.ticks();
        hideHover();
    }

    private void hideHover() {
        guide.setVisible(false);
        readout.setVisible(false);
        markerDetail.setVisible(false);
    }

    /** The guide and readout at the data x nearest the pointer; the detail of a marker within a few pixels. */
    private void hover(MouseEvent e) {
        if (chart == null || layout == null || !layout.inPlot(e.getX(), e.getY())) {
            hideHover();
            return;
        }
        double best = Double.NaN, bestDist = Double.POSITIVE_INFINITY;
        for (LineChart.Series s : chart.series()) {
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                if (!Double.isFinite(x) || !Double.isFinite(s.y()[i]) || x < layout.xMin() || x > layout.xMax()) continue;
                double d = Math.abs(layout.px(x) - e.getX());
                if (d < bestDist) {
                    bestDist = d;
                    best = x;
                }
            }
        }
        showMarker(e.getX());
        if (Double.isNaN(best)) {
            guide.setVisible(false);
            readout.setVisible(false);
            return;
        }
        double px = Math.round(layout.px(best)) + 0.5;
        guide.setStartX(px);
        guide.setEndX(px);
        guide.setStartY(layout.top());
        guide.setEndY(layout.top() + layout.height());
        guide.setVisible(true);
        readout.setText(readoutText(best));
        readout.autosize();
        double rw = readout.getWidth(), rh = readout.getHeight();
        double rx = px + 10 + rw <= layout.left() + layout.width() ? px + 10 : px - 10 - rw;
        double ry = Math.min(Math.max(layout.top() + 4, e.getY() - rh / 2), layout.top() + layout.height() - rh - 4);
        readout.relocate(Math.max(0, rx), Math.max(0, ry));
        readout.setVisible(true);
    }

    /**
     * "epoch 3" then one line per series: its name and its value at its point nearest {@code x}, with that point's x
     * when it is elsewhere (validation values are per epoch while the training ones are per step).
     */
    String readoutText(double x) {
        StringBuilder sb = new StringBuilder(where(x));
        for (LineChart.Series s : chart.series()) {
            int near = -1;
            double d = Double.POSITIVE_INFINITY;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || !(Math.abs(s.x()[i] - x) < d)) continue;
                d = Math.abs(s.x()[i] - x);
                near = i;
            }
            if (near < 0) continue;
            sb.append('\n').append(s.name()).append(": ").append(number(s.y()[near]));
            if (Math.abs(layout.px(s.x()[near]) - layout.px(x)) > 1) sb.append(" (at ").append(where(s.x()[near])).append(')');
        }
        return sb.toString();
    }

    /** "epoch 3", "step 45", "12.5 s". */
    private String where(double x) {
        return chart.xLabel().equals("seconds") ? number(x) + " s" : chart.xLabel() + " " + number(x);
    }

    private void showMarker(double mouseX) {
        LineChart.Marker hit = null;
        double d = 5;
        for (LineChart.Marker m : chart.markers()) {
            if (m.x() < layout.xMin() || m.x() > layout.xMax()) continue;
            double dm = Math.abs(layout.px(m.x()) - mouseX);
            if (dm <= d) {
                d = dm;
                hit = m;
            }
        }
        if (hit == null) {
            markerDetail.setVisible(false);
            return;
        }
        markerDetail.setText(hit.detail());
        markerDetail.setMaxWidth(Math.max(120, layout.width() / 2));
        markerDetail.autosize();
        double px = layout.px(hit.x());
        double mx = px + 8 + markerDetail.getWidth() <= layout.left() + layout.width() ? px + 8 : px - 8 - markerDetail.getWidth();
        markerDetail.relocate(Math.max(0, mx), layout.top() + 8);
        markerDetail.setVisible(true);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.5g", v);
    }

    /** File → Export Training Charts: as the context menu's item of that kind ({@code png}, {@code svg}, {@code csv}). */
    void export(String kind) {
        if (chart == null) return;
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + (kind.equals("csv") ? "the chart's data" : "the chart") + " as " + kind.toUpperCase(Locale.ROOT));
        chooser.setInitialFileName(baseName + "." + kind);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.toUpperCase(Locale.ROOT), "*." + kind));
        File f = dialogs.showSave(chooser, getScene() == null ? null : getScene().getWindow());
        if (f == null) return;
        Path file = f.toPath().getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + kind) ? f.toPath()
                : f.toPath().resolveSibling(f.toPath().getFileName() + "." + kind);
        // What is on screen, without the scrubber's guide: the picture of the curves.
        LineChart shown = chart.withSeries(chart.series()).guide(Double.NaN).showTitle(true);
        int w = Math.max(200, (int) Math.floor(canvas.getWidth())), h = Math.max(150, (int) Math.floor(canvas.getHeight()));
        runner.run(() -> {
            if (kind.equals("csv")) AtomicFiles.writeBytes(file, shown.csv().getBytes(StandardCharsets.UTF_8));
            else ChartImages.write(shown, file, w, h);
            return file;
        }, p -> messages.accept("Wrote " + p.getFileName()), err -> messages.accept(file + ": cannot write: " + err.getMessage()));
    }
}
