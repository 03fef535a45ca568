package io.maskstudio.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The desktop application. */
public class App extends Application {

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label("MaskStudio"));
        stage.setTitle("MaskStudio");
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }

    public static void main(String[] args) {
        launch(App.class, args);
    }
}
