/**
 * Pure-Java drawing: ARGB rasters of heatmaps, matrix and bipartite views, colour maps, PNG and SVG output. The
 * app blits these rasters; the CLI writes them as figures. May use {@code model} and {@code io}.
 */
package io.maskstudio.render;
