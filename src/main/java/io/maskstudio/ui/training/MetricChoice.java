package io.maskstudio.ui.training;

import io.maskstudio.runs.RunCurves.Metric;

import java.util.List;

/** The entries of a curve chart's metric chooser: the pairs the Training tab showed before, then single and per-layer metrics. */
enum MetricChoice {
    LOSS("Loss: training and validation", Metric.TRAIN_LOSS, Metric.VAL_LOSS),
    ACCURACY("Accuracy: training and validation", Metric.TRAIN_ACCURACY, Metric.VAL_ACCURACY),
    TRAIN_LOSS("Training loss", Metric.TRAIN_LOSS),
    VAL_LOSS("Validation loss", Metric.VAL_LOSS),
    TRAIN_ACCURACY("Training accuracy", Metric.TRAIN_ACCURACY),
    VAL_ACCURACY("Validation accuracy", Metric.VAL_ACCURACY),
    WEIGHT_NORM("Weight norm per layer", Metric.WEIGHT_NORM),
    GRAD_NORM("Gradient norm per layer", Metric.GRAD_NORM),
    UPDATE_RATIO("Update/weight ratio per layer", Metric.UPDATE_RATIO);

    private final String label;
    private final List<Metric> metrics;

    MetricChoice(String label, Metric... metrics) {
        this.label = label;
        this.metrics = List.of(metrics);
    }

    List<Metric> metrics() {
        return metrics;
    }

    /** Accuracies only: the axis in % with the "Full range" choice. */
    boolean accuracy() {
        return metrics.stream().allMatch(Metric::accuracy);
    }

    @Override
    public String toString() {
        return label;
    }
}
