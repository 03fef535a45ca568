package io.maskstudio.ui.editor;

import javafx.scene.input.MouseEvent;

/** Middle-drag: moves a view's content with the mouse. */
final class PanDrag implements DragGesture {
    interface Target {
        void panBy(double dx, double dy);
    }

    private final Target target;
    private double lastX, lastY;

    PanDrag(Target target, MouseEvent press) {
        this.target = target;
        lastX = press.getX();
        lastY = press.getY();
    }

    @Override
    public void dragged(MouseEvent e) {
        target.panBy(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
    }

    @Override
    public void released(MouseEvent e) {
    }
}
