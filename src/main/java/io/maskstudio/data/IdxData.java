package io.maskstudio.data;

/**
 * The sets an IDX path holds: the training images and labels, and the {@code t10k} test set when a folder has
 * its files ({@code test} is null otherwise). Both share one list of class names.
 */
public record IdxData(Dataset train, Dataset test) {
}
