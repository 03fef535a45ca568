package io.maskstudio.ui.editor;

import javafx.scene.input.MouseEvent;

/** One press-drag-release of the mouse in a view: created on press, told each drag and the release. */
interface DragGesture {
    void dragged(MouseEvent e);

    void released(MouseEvent e);

    /** Moves under this many pixels are a click, not a drag (a shaky hand must not connect or select). */
    double CLICK_TOLERANCE = 4;
}
