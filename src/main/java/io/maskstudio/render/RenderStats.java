package io.maskstudio.render;

/**
 * What a bipartite redraw did: the mask's connections, whether they were drawn as bundles, how many
 * lines that took, and how many lines were drawn emphasized on top.
 */
public record RenderStats(long connections, boolean bundled, int linesDrawn, int emphasizedLines) {}
