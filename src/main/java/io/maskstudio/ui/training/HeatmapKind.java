package io.maskstudio.ui.training;

/** The four maps of a layer pair, as the tiles and the large viewer name them. */
enum HeatmapKind {
    WEIGHTS("Weights", "w"),
    GRADIENT("Gradient", "g"),
    MASK("Mask", null),
    GROWTH("Gradient on absent connections", "|g|");

    private final String title;
    /** The symbol of a cell's value in the hover readout ("w = 0.1"); null for the mask, which has none. */
    private final String symbol;

    HeatmapKind(String title, String symbol) {
        this.title = title;
        this.symbol = symbol;
    }

    String title() { return title; }
    String symbol() { return symbol; }
}
