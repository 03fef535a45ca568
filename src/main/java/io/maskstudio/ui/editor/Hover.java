package io.maskstudio.ui.editor;

import io.maskstudio.render.Cell;
import io.maskstudio.render.Side;

/**
 * What the mouse is over in either view of the current pair: a neuron ({@code side}, {@code index}),
 * a connection ({@code cell}), or nothing. Shared so that both views and the status bar agree.
 */
public record Hover(Side side, int index, Cell cell) {
    public static final Hover NONE = new Hover(null, -1, null);

    public static Hover neuron(Side side, int index) {
        return new Hover(side, index, null);
    }

    public static Hover connection(Cell c) {
        return new Hover(null, -1, c);
    }

    public boolean isNeuron() { return side != null; }
    public boolean isConnection() { return cell != null; }
}
