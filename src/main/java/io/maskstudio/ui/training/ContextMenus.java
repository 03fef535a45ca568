package io.maskstudio.ui.training;

import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/** Opens a context menu on a node that is not a Control (which has no {@code setContextMenu}). */
final class ContextMenus {
    private ContextMenus() {}

    /**
     * On the platform's context-menu request (right press, the menu key), and on a right click where no such request
     * comes (Monocle's headless platform sends none).
     */
    static void attach(Node node, ContextMenu menu) {
        node.setOnContextMenuRequested(e -> {
            menu.show(node, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        node.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.SECONDARY && !menu.isShowing()) menu.show(node, e.getScreenX(), e.getScreenY());
        });
    }
}
