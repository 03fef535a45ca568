package io.maskstudio.ui;

import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.ui.editor.Document;
import io.maskstudio.ui.fx.Background;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The main window: menus and toolbar, layer strip, the two views of the current pair, side panel, status bar. */
public final class MainWindow {
    private final Stage stage;
    private final Document document = new Document();
    private final BorderPane root = new BorderPane();

    private MainWindow(Stage stage) {
        this.stage = stage;
        root.setCenter(new Label("Loading…"));
        stage.titleProperty().bind(Bindings.createStringBinding(this::title,
                document.nameProperty(), document.modifiedProperty()));
    }

    /** Builds the window on {@code stage}, shows it and opens {@code file} (null: the bundled sample) in the background. */
    public static MainWindow show(Stage stage, Path file) {
        MainWindow w = new MainWindow(stage);
        stage.setScene(new Scene(w.root, 1600, 1000));
        stage.show();
        w.openInBackground(file);
        return w;
    }

    private String title() {
        String n = document.name();
        if (n == null || n.isEmpty()) return "MaskStudio";
        return (document.isModified() ? "*" : "") + n + " — MaskStudio";
    }

    void openInBackground(Path file) {
        Task<NetworkDesign> load = new Task<>() {
            @Override
            protected NetworkDesign call() throws Exception {
                return file != null ? GraphFile.read(file) : App.loadSample();
            }
        };
        load.setOnSucceeded(e -> open(load.getValue(), file, file != null ? file.getFileName().toString() : App.SAMPLE_NAME + " (sample)"));
        load.setOnFailed(e -> {
            Alert a = new Alert(Alert.AlertType.ERROR, load.getException().getMessage());
            a.setHeaderText("Cannot open " + (file != null ? file : "the sample graph"));
            a.initOwner(stage);
            a.show();
        });
        Background.run(load);
    }

    void open(NetworkDesign d, Path file, String name) {
        document.open(d, file, name);
        root.setCenter(new Label(d.layerCount() + " layers"));
    }

    Document document() {
        return document;
    }

    Stage stage() {
        return stage;
    }

    BorderPane root() {
        return root;
    }
}
