package io.maskstudio.engine;

/** One row of metrics.csv. Validation values are NaN when there is no validation split. */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy, double seconds) {}
