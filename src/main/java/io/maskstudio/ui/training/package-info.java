/**
 * The Training tab: settings, run controls, curves, heatmaps with grow/prune hints and the epoch scrubber. It
 * polls the {@link io.maskstudio.engine.Trainer} and redraws only what changed.
 */
package io.maskstudio.ui.training;
