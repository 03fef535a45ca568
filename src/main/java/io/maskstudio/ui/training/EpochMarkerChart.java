package io.maskstudio.ui.training;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.shape.Line;

/** A line chart with a vertical marker at the epoch the scrubber shows, so the curves and heatmaps line up. */
final class EpochMarkerChart extends LineChart<Number, Number> {
    private final Line marker = new Line();
    private int epoch = -1;

    EpochMarkerChart(NumberAxis x, NumberAxis y) {
        super(x, y);
        marker.getStyleClass().add("epoch-marker");
        marker.setManaged(false);
        marker.setMouseTransparent(true);
        marker.setVisible(false);
        getPlotChildren().add(marker);
    }

    /** Marks {@code e}; a negative epoch hides the marker. */
    void setMarker(int e) {
        if (e == epoch) return;
        epoch = e;
        requestChartLayout();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        NumberAxis x = (NumberAxis) getXAxis();
        boolean show = epoch >= 0 && epoch >= x.getLowerBound() && epoch <= x.getUpperBound();
        marker.setVisible(show);
        if (!show) return;
        double px = x.getDisplayPosition(epoch);
        marker.setStartX(px);
        marker.setEndX(px);
        marker.setStartY(0);
        marker.setEndY(getYAxis().getHeight());
        marker.toFront();
    }
}
