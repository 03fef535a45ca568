package io.maskstudio.ui.shell;

import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Lets the user resize a window by dragging its right or bottom edge (or the corner between them) from inside the
 * window. Window managers offer this on their frames; without one (a bare X server, kiosk sessions, Monocle) there
 * is no frame, and a dialog that opens too large or too small could not be changed at all. Never grows past the
 * visual bounds of the window's screen.
 */
public final class EdgeResize {
    /** How far inside the edge a press still grabs it. */
    static final double GRAB = 6;

    private final Window window;
    private final Scene scene;
    private boolean right, bottom;
    private double startX, startY, startW, startH;

    private EdgeResize(Window window, Scene scene) {
        this.window = window;
        this.scene = scene;
    }

    public static void install(Window window) {
        EdgeResize r = new EdgeResize(window, window.getScene());
        // Filters, so the controls under the edge (a button, a preview) do not swallow the press.
        r.scene.addEventFilter(MouseEvent.MOUSE_MOVED, r::hover);
        r.scene.addEventFilter(MouseEvent.MOUSE_PRESSED, r::press);
        r.scene.addEventFilter(MouseEvent.MOUSE_DRAGGED, r::drag);
        r.scene.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (r.right || r.bottom) e.consume();
            r.right = r.bottom = false;
        });
    }

    private boolean nearRight(MouseEvent e) {
        return e.getSceneX() >= scene.getWidth() - GRAB;
    }

    private boolean nearBottom(MouseEvent e) {
        return e.getSceneY() >= scene.getHeight() - GRAB;
    }

    private void hover(MouseEvent e) {
        boolean r = nearRight(e), b = nearBottom(e);
        scene.setCursor(r && b ? Cursor.SE_RESIZE : r ? Cursor.E_RESIZE : b ? Cursor.S_RESIZE : null);
    }

    private void press(MouseEvent e) {
        right = nearRight(e);
        bottom = nearBottom(e);
        if (!right && !bottom) return;
        startX = e.getScreenX();
        startY = e.getScreenY();
        startW = window.getWidth();
        startH = window.getHeight();
        e.consume();
    }

    private void drag(MouseEvent e) {
        if (!right && !bottom) return;
        e.consume();
        Rectangle2D screen = screenOf();
        double minW = window instanceof Stage s ? s.getMinWidth() : 0;
        double minH = window instanceof Stage s ? s.getMinHeight() : 0;
        if (right) {
            double w = Math.max(minW, startW + e.getScreenX() - startX);
            window.setWidth(Math.max(1, Math.min(w, screen.getMaxX() - window.getX())));
        }
        if (bottom) {
            double h = Math.max(minH, startH + e.getScreenY() - startY);
            window.setHeight(Math.max(1, Math.min(h, screen.getMaxY() - window.getY())));
        }
    }

    private Rectangle2D screenOf() {
        var found = Screen.getScreensForRectangle(window.getX(), window.getY(), Math.max(1, window.getWidth()), Math.max(1, window.getHeight()));
        return (found.isEmpty() ? Screen.getPrimary() : found.get(0)).getVisualBounds();
    }

    /** Moves and shrinks {@code window} so it lies inside the visual bounds of its screen. */
    public static void keepOnScreen(Window window) {
        var found = Screen.getScreensForRectangle(window.getX(), window.getY(), Math.max(1, window.getWidth()), Math.max(1, window.getHeight()));
        Rectangle2D v = (found.isEmpty() ? Screen.getPrimary() : found.get(0)).getVisualBounds();
        if (window.getWidth() > v.getWidth()) window.setWidth(v.getWidth());
        if (window.getHeight() > v.getHeight()) window.setHeight(v.getHeight());
        window.setX(Math.max(v.getMinX(), Math.min(window.getX(), v.getMaxX() - window.getWidth())));
        window.setY(Math.max(v.getMinY(), Math.min(window.getY(), v.getMaxY() - window.getHeight())));
    }
}
