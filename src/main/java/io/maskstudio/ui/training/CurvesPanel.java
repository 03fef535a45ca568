package io.maskstudio.ui.training;

import io.maskstudio.render.LineChart;
import io.maskstudio.runs.CurveSource;
import io.maskstudio.runs.RunCurves;
import io.maskstudio.ui.fx.TaskRunner;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Training tab's curves: two {@link CurveChart}s side by side (loss and accuracy by default, each with its own
 * metric) sharing one bar of controls: smoothing, log y, the x axis, seed grouping and the accuracy axis' full range.
 * {@link #show} takes the runs to draw, the shown run first and compared ones after; each call with new data
 * rebuilds both charts (the panel calls it at most 4 times a second while a run trains). Long runs are thinned to
 * {@link #MAX_POINTS} points per curve. The accuracy axis spans the plotted values (a run at 97-99 % would
 * otherwise be a flat line under the top edge), or 0-100 % with "Full range" ticked.
 */
final class CurvesPanel extends VBox {
    static final int MAX_POINTS = 1000;

    private final CurveChart loss = new CurveChart("lossChart", MetricChoice.LOSS);
    private final CurveChart accuracy = new CurveChart("accuracyChart", MetricChoice.ACCURACY);
    private final Slider smoothing = new Slider(0, 0.99, 0);
    private final Label smoothingValue = new Label();
    private final CheckBox logY = new CheckBox("Log y");
    private final ComboBox<RunCurves.XAxis> xAxis = new ComboBox<>();
    private final CheckBox groupSeeds = new CheckBox("Group by seed");
    private final CheckBox fullAccuracyRange = new CheckBox("Full range (0–100 %)");
    private final Label message = new Label();
    /** Names the mask-update ticks while the charts have some. */
    private final Label updateLegend = new Label("Mask updates");
    private List<CurveSource> sources = List.of();
    private int markedEpoch = -1;
    private int updates;

    CurvesPanel() {
        smoothing.setId("curveSmoothing");
        smoothing.setPrefWidth(130);
        smoothing.setTooltip(new Tooltip("TensorBoard's smoothing: a debiased exponential moving average with this weight."));
        smoothingValue.setId("curveSmoothingValue");
        smoothingValue.setMinWidth(32);
        smoothing.valueProperty().addListener((o, a, b) -> {
            showSmoothing();
            rebuild();
        });
        showSmoothing();
        logY.setId("curveLogY");
        logY.setTooltip(new Tooltip("Logarithmic y axis (values at or below 0 are left out)."));
        xAxis.setId("curveXAxis");
        xAxis.getItems().setAll(RunCurves.XAxis.values());
        xAxis.setValue(RunCurves.XAxis.EPOCH);
        xAxis.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunCurves.XAxis x) {
                return x == null ? "" : switch (x) {
                    case EPOCH -> "Epoch";
                    case STEP -> "Step";
                    case TIME -> "Time (s)";
                };
            }

            @Override
            public RunCurves.XAxis fromString(String s) {
                return null;
            }
        });
        xAxis.setTooltip(new Tooltip("x axis: epochs, batches trained, or seconds of training"));
        groupSeeds.setId("curveGroupSeeds");
        groupSeeds.setTooltip(new Tooltip("Runs that differ only in their seed: one mean line with a min-max band."));
        groupSeeds.setDisable(true);
        fullAccuracyRange.setId("accuracyFullRange");
        fullAccuracyRange.setTooltip(new Tooltip("Unticked, the accuracy axis spans the plotted values."));
        message.setId("curveMessage");
        message.getStyleClass().add("curve-message");
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        for (CheckBox c : List.of(logY, groupSeeds, fullAccuracyRange)) c.selectedProperty().addListener((o, a, b) -> rebuild());
        xAxis.valueProperty().addListener((o, a, b) -> rebuild());
        Label smoothingLabel = new Label("Smoothing");
        Label xLabel = new Label("x");
        updateLegend.setId("maskUpdateLegend");
        updateLegend.setGraphic(new Rectangle(2, MaskUpdateTicks.HEIGHT, Color.rgb(MaskUpdateTicks.COLOR >> 16, MaskUpdateTicks.COLOR >> 8 & 0xFF,
                MaskUpdateTicks.COLOR & 0xFF)));
        updateLegend.setTooltip(new Tooltip("The ticks on the plots' bottom edge are the sparse-training method's mask updates "
                + "(set, rigl, gmp). Point at one to read what it changed."));
        updateLegend.setMinWidth(Label.USE_PREF_SIZE);
        updateLegend.managedProperty().bind(updateLegend.visibleProperty());
        updateLegend.setVisible(false);
        HBox bar = new HBox(8, smoothingLabel, smoothing, smoothingValue, logY, xLabel, xAxis, groupSeeds, fullAccuracyRange, updateLegend, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("curve-controls");
        for (CurveChart c : List.of(loss, accuracy)) {
            c.chooser().valueProperty().addListener((o, a, b) -> rebuild());
            c.setMessages(message::setText);
        }
        // Two equal columns: both plots keep the same size.
        GridPane grid = new GridPane();
        grid.setHgap(10);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
        }
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().add(row);
        grid.add(loss, 0, 0);
        grid.add(accuracy, 1, 0);
        VBox.setVgrow(grid, Priority.ALWAYS);
        setSpacing(6);
        getChildren().addAll(bar, grid);
        setMinHeight(260);
        rebuild();
    }

    /**
     * Draws these runs: the first is the shown one (live or opened; the scrubber's epoch is marked on it), the
     * others are compared with it. The same sources as last time (the live run unchanged) draw nothing anew.
     */
    void show(List<CurveSource> runs) {
        if (same(runs, sources)) return;
        sources = List.copyOf(runs);
        groupSeeds.setDisable(sources.size() < 2);
        updates++;
        rebuild();
    }

    /** No runs: empty charts. */
    void clear() {
        show(List.of());
    }

    /** Marks the scrubber's epoch on both charts while it is not the latest (where the curves simply end). */
    void markEpoch(int epoch, boolean latest) {
        int e = latest || epoch < 1 ? -1 : epoch;
        if (e == markedEpoch) return;
        markedEpoch = e;
        rebuild();
    }

    private static boolean same(List<CurveSource> a, List<CurveSource> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    private void showSmoothing() {
        smoothingValue.setText(String.format(Locale.ROOT, "%.2f", smoothing()));
    }

    /** The slider's value on a 0.01 grid, so the label says exactly what is applied. */
    private double smoothing() {
        return Math.min(0.99, Math.round(smoothing.getValue() * 100) / 100.0);
    }

    private void rebuild() {
        for (CurveChart c : List.of(loss, accuracy)) c.setChart(chartFor(c.metric()));
        updateLegend.setVisible(loss.chart().markers().stream().anyMatch(m -> m.label().equals(MaskUpdateTicks.KIND)));
    }

    private LineChart chartFor(MetricChoice choice) {
        RunCurves.XAxis x = xAxis.getValue();
        RunCurves.Options o = new RunCurves.Options(choice.metrics(), x, groupSeeds.isSelected() && sources.size() > 1, smoothing(), logY.isSelected(), true);
        LineChart full = RunCurves.chart(sources, o);
        List<LineChart.Series> thinned = new ArrayList<>();
        for (LineChart.Series s : full.series()) thinned.add(s.thinned(MAX_POINTS));
        LineChart c = full.withSeries(thinned).legend(LineChart.Legend.TOP).showTitle(false);
        if (choice.accuracy() && !logY.isSelected()) c.yRange(accuracyRange(c));
        if (markedEpoch >= 0 && !sources.isEmpty()) c.guide(RunCurves.xOfEpoch(sources.get(0), x, markedEpoch));
        return c;
    }

    private double[] accuracyRange(LineChart c) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (LineChart.Series s : c.series()) {
            for (double[] vs : s.low() == null ? new double[][] {s.y()} : new double[][] {s.y(), s.low(), s.high()}) {
                for (double v : vs) {
                    if (!Double.isFinite(v)) continue;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (fullAccuracyRange.isSelected() || min > max) return new double[] {0, 100};
        double[] r = accuracyRange(min, max);
        return new double[] {r[0], r[1]};
    }

    /** {lower, upper, tick} for accuracies (in %) from {@code min} to {@code max}: about 5 round ticks, 5 % room, within 0..100. */
    static double[] accuracyRange(double min, double max) {
        double room = Math.max((max - min) * 0.05, 0.5);
        double tick = niceStep((max - min + 2 * room) / 5);
        double lower = Math.max(0, Math.floor((min - room) / tick) * tick);
        double upper = Math.min(100, Math.ceil((max + room) / tick) * tick);
        return new double[] {lower, upper, tick};
    }

    /** ..., 0.1, 0.2, 0.5, 1, 2, 5, 10, ...: the smallest such step at least {@code raw}. */
    static double niceStep(double raw) {
        double step = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 5, 10}) {
            if (step * f >= raw * (1 - 1e-9)) return step * f;
        }
        return step * 10;
    }

    /** Tests answer the export choosers and write the files at once. */
    void setFileDialogs(FileDialogs d) {
        loss.setFileDialogs(d);
        accuracy.setFileDialogs(d);
    }

    void setTaskRunner(TaskRunner r) {
        loss.setTaskRunner(r);
        accuracy.setTaskRunner(r);
    }

    /** The newest epoch of the shown run; for tests. */
    int lastEpoch() {
        if (sources.isEmpty() || sources.get(0).metrics().isEmpty()) return 0;
        var m = sources.get(0).metrics();
        return m.get(m.size() - 1).epoch();
    }

    /** How many times {@link #show} got new data (each a rebuild and repaint); for tests. */
    int updates() {
        return updates;
    }

    /** Points of the loss chart's first curve (after thinning); for tests. */
    int points() {
        List<LineChart.Series> s = loss.chart().series();
        return s.isEmpty() ? 0 : s.get(0).x().length;
    }

    CurveChart lossChart() {
        return loss;
    }

    CurveChart accuracyChart() {
        return accuracy;
    }

    Label message() {
        return message;
    }

    Label updateLegend() {
        return updateLegend;
    }
}
