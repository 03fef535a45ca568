package io.maskstudio.ui.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.function.Consumer;

/** Asks whether to restore work a crashed session autosaved; Discard deletes it, Later keeps it for next time. */
public final class RecoveryOffer {
    static final ButtonType RESTORE = new ButtonType("Restore", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);
    static final ButtonType LATER = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);

    private RecoveryOffer() {}

    public static void show(Window owner, Autosave.Leftover l, Consumer<Autosave.Leftover> restore) {
        String when;
        try {
            FileTime t = Files.getLastModifiedTime(l.graph());
            when = t.toInstant().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC").replace("Z", " UTC");
        } catch (IOException e) {
            when = "earlier";
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", RESTORE, DISCARD, LATER);
        a.initOwner(owner);
        a.setTitle("MaskStudio");
        a.getDialogPane().setId("recoveryDialog");
        a.setHeaderText("MaskStudio found unsaved work from a session that did not close normally");
        a.setContentText((l.original() != null ? l.original().toString() : "An unsaved design") + ", autosaved " + when
                + ".\nRestore it? (It opens as unsaved; the design shown now is replaced.)");
        a.setOnHidden(e -> {
            if (a.getResult() == RESTORE) restore.accept(l);
            else if (a.getResult() == DISCARD) Autosave.forget(l);
        });
        a.show();
    }
}
