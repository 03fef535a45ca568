package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import javafx.geometry.Insets;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Loss and accuracy per epoch, train and validation; points are appended, never redrawn from scratch.
 * Past {@link #MAX_POINTS} epochs the curves keep every second point (then every fourth, …), so a long run
 * does not make every chart layout slower. The accuracy axis spans the plotted values (a run at 97-99 % would
 * otherwise be a flat line under the top edge), or 0-100 % with the "Full range" box ticked.
 */
final class MetricsCharts extends VBox {
    static final int MAX_POINTS = 500;

    private final EpochMarkerChart loss = chart("lossChart", "Loss", "cross-entropy", false);
    private final EpochMarkerChart accuracy = chart("accuracyChart", "Accuracy", "%", true);
    private final XYChart.Series<Number, Number> trainLoss = series("train");
    private final XYChart.Series<Number, Number> valLoss = series("validation");
    private final XYChart.Series<Number, Number> trainAccuracy = series("train");
    private final XYChart.Series<Number, Number> valAccuracy = series("validation");
    private final CheckBox fullAccuracyRange = new CheckBox("Full range (0–100 %)");
    private int lastEpoch;
    private int stride = 1;
    private int updates;

    MetricsCharts() {
        setSpacing(2);
        loss.getData().add(trainLoss);
        loss.getData().add(valLoss);
        accuracy.getData().add(trainAccuracy);
        accuracy.getData().add(valAccuracy);
        fullAccuracyRange.setId("accuracyFullRange");
        fullAccuracyRange.setTooltip(new Tooltip("Unticked, the accuracy axis spans the plotted values."));
        fullAccuracyRange.selectedProperty().addListener((o, was, now) -> fitAccuracyAxis());
        // Two equal columns, the box under the accuracy chart: both plots keep the same height.
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
        }
        RowConstraints plots = new RowConstraints();
        plots.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().addAll(plots, new RowConstraints());
        grid.add(loss, 0, 0);
        grid.add(accuracy, 1, 0);
        grid.add(fullAccuracyRange, 1, 1);
        GridPane.setMargin(fullAccuracyRange, new Insets(0, 0, 0, 40));
        VBox.setVgrow(grid, Priority.ALWAYS);
        getChildren().add(grid);
        setMinHeight(220);
    }

    /**
     * Appends the epochs after the last one shown ({@code all} in epoch order, as the log keeps them), one
     * {@code addAll} per series: a single change (and chart layout) however many epochs arrived since last time.
     */
    void show(List<EpochMetrics> all) {
        int shownEpoch = lastEpoch;
        List<List<XYChart.Data<Number, Number>>> added = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (EpochMetrics m : all) {
            if (m.epoch() <= lastEpoch) continue;
            lastEpoch = m.epoch();
            if (m.epoch() % stride != 0) continue;
            add(added.get(0), m, EpochMetrics::trainLoss);
            add(added.get(1), m, EpochMetrics::valLoss);
            add(added.get(2), m, e -> 100 * e.trainAccuracy());
            add(added.get(3), m, e -> 100 * e.valAccuracy());
        }
        List<XYChart.Series<Number, Number>> series = List.of(trainLoss, valLoss, trainAccuracy, valAccuracy);
        boolean changed = false;
        for (int i = 0; i < series.size(); i++) {
            if (added.get(i).isEmpty()) continue;
            series.get(i).getData().addAll(added.get(i));
            changed = true;
        }
        if (lastEpoch == shownEpoch) return;
        if (changed) updates++;
        while (trainLoss.getData().size() > MAX_POINTS) thin();
        ((NumberAxis) loss.getYAxis()).setAutoRanging(!trainLoss.getData().isEmpty());
        fitEpochAxis(loss, lastEpoch);
        fitEpochAxis(accuracy, lastEpoch);
        fitAccuracyAxis();
        // Dots help while there are few points and only clutter a long curve.
        boolean symbols = trainLoss.getData().size() <= 40;
        if (loss.getCreateSymbols() != symbols) {
            loss.setCreateSymbols(symbols);
            accuracy.setCreateSymbols(symbols);
        }
    }

    void clear() {
        for (var s : List.of(trainLoss, valLoss, trainAccuracy, valAccuracy)) s.getData().clear();
        // A LineChart does not redraw the line of a series that became empty: the old run's curve stayed on screen
        // (over the new axes) until the first epoch's point arrived. New series nodes start without a line.
        loss.getData().setAll(List.of());
        loss.getData().setAll(List.of(trainLoss, valLoss));
        accuracy.getData().setAll(List.of());
        accuracy.getData().setAll(List.of(trainAccuracy, valAccuracy));
        lastEpoch = 0;
        stride = 1;
        emptyLossRange((NumberAxis) loss.getYAxis());
        fitEpochAxis(loss, 0);
        fitEpochAxis(accuracy, 0);
        fitAccuracyAxis();
    }

    /** 0..100 when asked or without points; else the plotted accuracies with a little room, on round ticks, within 0..100. */
    private void fitAccuracyAxis() {
        NumberAxis y = (NumberAxis) accuracy.getYAxis();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (var s : List.of(trainAccuracy, valAccuracy)) {
            for (var d : s.getData()) {
                min = Math.min(min, d.getYValue().doubleValue());
                max = Math.max(max, d.getYValue().doubleValue());
            }
        }
        double[] range = fullAccuracyRange.isSelected() || min > max ? new double[] {0, 100, 10} : accuracyRange(min, max);
        y.setLowerBound(range[0]);
        y.setUpperBound(range[1]);
        y.setTickUnit(range[2]);
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

    /** Doubles the stride: drops the points whose epoch is not a multiple of the new one. */
    private void thin() {
        stride *= 2;
        for (var s : List.of(trainLoss, valLoss, trainAccuracy, valAccuracy)) {
            s.getData().removeIf(d -> d.getXValue().intValue() % stride != 0);
        }
    }

    /** Marks the scrubber's epoch on both charts while it is not the latest (where the curves simply end). */
    void markEpoch(int epoch, boolean latest) {
        int e = latest || epoch < 1 ? -1 : epoch;
        loss.setMarker(e);
        accuracy.setMarker(e);
    }

    /** 0..1 until there are points (auto-ranging an empty chart gave an arbitrary 0..110). */
    private static void emptyLossRange(NumberAxis y) {
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(1);
        y.setTickUnit(0.2);
    }

    /** Whole epochs on the axis, 0 to the first tick at or past the last epoch, with a round tick step (auto-ranging gave ticks like 2.5). */
    private static void fitEpochAxis(EpochMarkerChart chart, int lastEpoch) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        int tick = wholeStep(Math.max(5, lastEpoch) / 8.0);
        // Up to the next whole tick: an end label like "1,179" next to "1,000" overlapped it.
        x.setUpperBound(Math.max(5, (lastEpoch + tick - 1) / tick * tick));
        x.setTickUnit(tick);
    }

    /** 1, 2, 5, 10, 20, 50, … : the smallest such whole step at least {@code raw}. */
    static int wholeStep(double raw) {
        int step = 1;
        while (true) {
            for (int f : new int[] {1, 2, 5}) {
                if (step * f >= raw) return step * f;
            }
            step *= 10;
        }
    }

    /** The newest epoch plotted; for tests. */
    int lastEpoch() {
        return lastEpoch;
    }

    /** How many times {@link #show} changed the curves' data (each a chart layout and repaint); for tests. */
    int updates() {
        return updates;
    }

    EpochMarkerChart accuracyChart() {
        return accuracy;
    }

    EpochMarkerChart lossChart() {
        return loss;
    }

    /** Number of epochs plotted; for tests. */
    int points() {
        return trainLoss.getData().size();
    }

    private static void add(List<XYChart.Data<Number, Number>> points, EpochMetrics m, ToDoubleFunction<EpochMetrics> value) {
        double v = value.applyAsDouble(m);
        // No validation split gives NaN; an infinite loss would wreck the axis range.
        if (Double.isFinite(v)) points.add(new XYChart.Data<>(m.epoch(), v));
    }

    private static EpochMarkerChart chart(String id, String title, String unit, boolean percent) {
        NumberAxis x = new NumberAxis(0, 5, 1);
        x.setLabel("epoch");
        x.setMinorTickVisible(false);
        NumberAxis y = percent ? new NumberAxis(0, 100, 10) : new NumberAxis();
        y.setLabel(unit);
        if (!percent) {
            y.setForceZeroInRange(false);
            emptyLossRange(y);
        }
        EpochMarkerChart c = new EpochMarkerChart(x, y);
        c.setId(id);
        c.setTitle(title);
        c.setAnimated(false);
        // Modena's looked-up series colours (maskstudio.css): blue train, orange validation.
        c.getStyleClass().add("metrics-chart");
        c.setMinSize(200, 200);
        c.setMaxHeight(Double.MAX_VALUE);
        c.setPrefSize(500, 290);
        return c;
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }
}
