package io.maskstudio.render;

/**
 * Colours and level-of-detail settings of the bipartite view. Above {@code bundleThreshold}
 * connections, lines are aggregated into at most {@code maxBins x maxBins} bundles. The default
 * 10,000 keeps a 1600x1000 redraw near 16 ms; 20,000 single lines took 30-40 ms on the shared
 * 2-core test machine (see docs/decisions/render-level-of-detail.md).
 */
public record BipartiteStyle(
        int background,
        int edge,
        int emphasis,
        int neuron,
        int gridPanel,
        int gridCell,
        int partner,
        int selected,
        int hovered,
        int bundleThreshold,
        int maxBins) {

    public static final BipartiteStyle DEFAULT = new BipartiteStyle(
            0xFFFFFFFF, 0xFF1F4E79, 0xFFD9480F, 0xFF4A5562, 0xFFEDEFF2, 0xFFBAC4CF,
            0xFFF4A261, 0xFFD9480F, 0xFF8F2D00, 10_000, 64);

    public BipartiteStyle withBundleThreshold(int threshold) {
        return new BipartiteStyle(background, edge, emphasis, neuron, gridPanel, gridCell, partner, selected, hovered, threshold, maxBins);
    }

    public BipartiteStyle withMaxBins(int bins) {
        return new BipartiteStyle(background, edge, emphasis, neuron, gridPanel, gridCell, partner, selected, hovered, bundleThreshold, bins);
    }

    /**
     * Opacity of one of {@code n} individual lines: fewer lines are drawn stronger, so both a
     * 30-edge toy net and a 20,000-edge layer stay readable instead of white or black.
     */
    public static double lineOpacity(long n) {
        return Math.max(0.04, Math.min(0.7, 6 / Math.sqrt(Math.max(1, n))));
    }

    /**
     * Opacity of a bundle standing for {@code connections} out of the fullest bundle's {@code max}, when
     * {@code bundles} are drawn: proportional to the connections, and as faint overall as that many
     * single lines, so thousands of crossing bundles do not saturate into a solid block.
     */
    public static double bundleOpacity(int connections, int max, int bundles) {
        return lineOpacity(bundles) * connections / Math.max(1, max);
    }
}
