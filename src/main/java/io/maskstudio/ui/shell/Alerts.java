package io.maskstudio.ui.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.Optional;

/** Dialogs the shell shows; errors are non-blocking so a failed background task never stalls anything. */
public final class Alerts {
    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);

    private Alerts() {}

    /** Shows an error with a short header and the full message (e.g. a FormatException's "file: field: expected..."). */
    public static Alert error(Window owner, String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.setHeaderText(header);
        a.setTitle("MaskStudio");
        if (owner != null) a.initOwner(owner);
        a.getDialogPane().setMinWidth(520);
        a.getDialogPane().setId("errorDialog");
        a.show();
        return a;
    }

    /** Save / Don't Save / Cancel for unsaved changes. */
    public static Optional<ButtonType> askSave(Window owner, String name) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your changes will be lost if you don't save them.", SAVE, DISCARD, ButtonType.CANCEL);
        a.setHeaderText("Save changes to " + name + "?");
        a.setTitle("MaskStudio");
        if (owner != null) a.initOwner(owner);
        a.getDialogPane().setId("unsavedDialog");
        return a.showAndWait();
    }
}
