package io.maskstudio.ui.training;

import io.maskstudio.runs.RunFolder;
import io.maskstudio.runs.RunLabel;
import io.maskstudio.runs.RunSnapshots;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;

/**
 * The line above the curves while a saved run is shown instead of the current one: which run, what of it could not
 * be read, "Edit this design" (its design into the editor) and "Back to current run".
 */
final class SavedRunBar extends HBox {
    private final Label what = new Label();
    final Button editDesign = new Button("Edit this design");
    final Button back = new Button("Back to current run");

    SavedRunBar() {
        setId("savedRunBar");
        getStyleClass().add("saved-run-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        what.setId("savedRunText");
        what.setWrapText(true);
        what.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(what, Priority.ALWAYS);
        editDesign.setId("editRunDesign");
        editDesign.setTooltip(new Tooltip("Open the design this run trained in the editor (as a new, unsaved graph)"));
        back.setId("backToCurrentRun");
        back.setTooltip(new Tooltip("Show the run trained in this window again"));
        for (Button b : List.of(editDesign, back)) b.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(what, editDesign, back);
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    void show(RunFolder run, RunSnapshots snaps) {
        List<String> parts = new ArrayList<>();
        parts.add("Saved run " + RunLabel.read(run.dir()) + " · " + run.status() + " · " + run.metrics().size() + " epochs · " + run.dir());
        if (snaps.leftOut() > 0) parts.add(snaps.snapshots().size() + " of " + snaps.kept() + " snapshots loaded");
        List<String> problems = new ArrayList<>(run.problems());
        problems.addAll(snaps.problems());
        if (!problems.isEmpty()) parts.add("Could not read everything: " + String.join("; ", problems));
        what.setText(String.join("\n", parts));
        what.setTooltip(new Tooltip(String.join("\n", parts)));
        editDesign.setDisable(run.design() == null);
        setVisible(true);
    }

    void hide() {
        setVisible(false);
    }

    Label text() {
        return what;
    }
}
