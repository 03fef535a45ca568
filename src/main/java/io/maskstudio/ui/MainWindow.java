package io.maskstudio.ui;

import io.maskstudio.model.MaskStats;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkStats;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The main window: shows the open design (the connectivity editor grows here). */
final class MainWindow {
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final Label status = new Label("Loading…");
    private final TextArea summary = new TextArea();
    private NetworkDesign design;

    MainWindow(Stage stage) {
        this.stage = stage;
        stage.setTitle("MaskStudio");
        summary.setEditable(false);
        summary.setStyle("-fx-font-family: monospace;");
        root.setCenter(summary);
        root.setBottom(status);
        BorderPane.setMargin(status, new Insets(4, 8, 4, 8));
    }

    BorderPane root() {
        return root;
    }

    NetworkDesign design() {
        return design;
    }

    void open(NetworkDesign d, Path file) {
        this.design = d;
        String name = file != null ? file.getFileName().toString() : "digits-local.graph.json (sample)";
        stage.setTitle(name + " — MaskStudio");
        summary.setText(NetworkStats.of(d).render());
        long nnz = 0;
        for (int k = 0; k < d.pairCount(); k++) nnz += MaskStats.of(d.mask(k)).nnz();
        status.setText(d.layerCount() + " layers, " + nnz + " connections");
    }
}
