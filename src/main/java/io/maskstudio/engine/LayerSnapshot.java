package io.maskstudio.engine;

import io.maskstudio.model.Mask;

/**
 * Copied state of one layer pair at the end of an epoch, for heatmaps and the scrubber.
 * {@code gradient} is the last batch's unmasked {@code δ^T x}: on present connections it is the
 * gradient, on absent ones it says where growing a connection would help. Null when the layer is too
 * large to copy every epoch.
 */
public record LayerSnapshot(int outFeatures, int inFeatures, float[] weights, float[] bias, float[] gradient, Mask mask) {}
