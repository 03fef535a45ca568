package io.maskstudio.render;

/** How several source values that land in one pixel are combined when a heatmap shrinks. */
public enum Pooling {
    MEAN,
    MAX,
    /** The value of largest magnitude, sign kept: a single strong weight stays visible among small ones. */
    MAX_ABS
}
