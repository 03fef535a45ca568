package io.maskstudio.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.List;

/**
 * A strip under the toolbar with what the user should know about the file just opened (upgraded format, unknown
 * fields that are kept). Stays until dismissed or another file is opened: the status line is overwritten too soon.
 */
public final class NoticeBanner extends HBox {
    private final Label text = new Label();

    public NoticeBanner() {
        super(10);
        setId("fileNotes");
        text.setId("fileNotesText");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("dismissFileNotes");
        dismiss.setOnAction(e -> show(List.of()));
        getChildren().addAll(text, dismiss);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        getStyleClass().add("notice-banner");
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    /** Shows {@code notes} (one sentence each); none hides the banner. */
    public void show(List<String> notes) {
        text.setText(String.join("\n", notes));
        setVisible(!notes.isEmpty());
    }

    public String text() {
        return isVisible() ? text.getText() : "";
    }
}
