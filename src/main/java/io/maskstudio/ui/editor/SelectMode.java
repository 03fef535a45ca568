package io.maskstudio.ui.editor;

/** How a drag on empty space of the bipartite view selects neurons. */
public enum SelectMode { RECTANGLE, LASSO }
