package io.maskstudio.engine;

/**
 * The held-out test set's loss and accuracy for the network as it ends a run: evaluated once, never used for training,
 * model selection or the best epoch. {@code epoch} is the last completed epoch of the weights evaluated.
 */
public record TestMetrics(int epoch, int rows, double loss, double accuracy) {}
