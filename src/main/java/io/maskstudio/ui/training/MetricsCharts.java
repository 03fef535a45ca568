package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Loss and accuracy per epoch, train and validation; points are appended, never redrawn from scratch.
 * Past {@link #MAX_POINTS} epochs the curves keep every second point (then every fourth, …), so a long run
 * does not make every chart layout slower.
 */
final class MetricsCharts extends HBox {
    static final int MAX_POINTS = 500;

    private final EpochMarkerChart loss = chart("lossChart", "Loss", "cross-entropy", false);
    private final EpochMarkerChart accuracy = chart("accuracyChart", "Accuracy", "%", true);
    private final XYChart.Series<Number, Number> trainLoss = series("train");
    private final XYChart.Series<Number, Number> valLoss = series("validation");
    private final XYChart.Series<Number, Number> trainAccuracy = series("train");
    private final XYChart.Series<Number, Number> valAccuracy = series("validation");
    private int lastEpoch;
    private int stride = 1;
    private int updates;

    MetricsCharts() {
        setSpacing(8);
        loss.getData().add(trainLoss);
        loss.getData().add(valLoss);
        accuracy.getData().add(trainAccuracy);
        accuracy.getData().add(valAccuracy);
        HBox.setHgrow(loss, Priority.ALWAYS);
        HBox.setHgrow(accuracy, Priority.ALWAYS);
        getChildren().addAll(loss, accuracy);
        setMinHeight(200);
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
        // Dots help while there are few points and only clutter a long curve.
        boolean symbols = trainLoss.getData().size() <= 40;
        if (loss.getCreateSymbols() != symbols) {
            loss.setCreateSymbols(symbols);
            accuracy.setCreateSymbols(symbols);
        }
    }

    void clear() {
        for (var s : List.of(trainLoss, valLoss, trainAccuracy, valAccuracy)) s.getData().clear();
        lastEpoch = 0;
        stride = 1;
        emptyLossRange((NumberAxis) loss.getYAxis());
        fitEpochAxis(loss, 0);
        fitEpochAxis(accuracy, 0);
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

    /** Whole epochs on the axis, 0..last, with a round tick step (auto-ranging gave ticks like 2.5). */
    private static void fitEpochAxis(EpochMarkerChart chart, int lastEpoch) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        int upper = Math.max(5, lastEpoch);
        x.setUpperBound(upper);
        x.setTickUnit(niceStep(upper / 8.0));
    }

    /** 1, 2, 5, 10, 20, 50, … : the smallest such step at least {@code raw}. */
    static int niceStep(double raw) {
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
        // Modena's looked-up series colours: blue train, orange validation (its defaults are two similar oranges).
        c.setStyle("CHART_COLOR_1: #1f77b4; CHART_COLOR_2: #ff7f0e;");
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
