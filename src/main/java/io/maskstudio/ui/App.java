package io.maskstudio.ui;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import javafx.application.Application;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The desktop application. Opens the graph file given as the only argument, else the bundled
 * digits sample, loading it off the FX thread.
 */
public class App extends Application {
    static final String SAMPLE = "/sample-graphs/digits-local.graph.json";

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(stage);
        stage.setScene(new Scene(window.root(), 1600, 1000));
        stage.show();
        List<String> args = getParameters().getRaw();
        Path file = args.isEmpty() ? null : Path.of(args.get(0));
        Task<NetworkDesign> load = new Task<>() {
            @Override
            protected NetworkDesign call() throws Exception {
                return file != null ? GraphFile.read(file) : loadSample();
            }
        };
        load.setOnSucceeded(e -> window.open(load.getValue(), file));
        load.setOnFailed(e -> {
            Throwable t = load.getException();
            Alert a = new Alert(Alert.AlertType.ERROR, t.getMessage());
            a.setHeaderText("Cannot open " + (file != null ? file : "the sample graph"));
            a.show();
        });
        Thread t = new Thread(load, "open-graph");
        t.setDaemon(true);
        t.start();
    }

    static NetworkDesign loadSample() throws IOException, FormatException {
        try (InputStream in = App.class.getResourceAsStream(SAMPLE)) {
            if (in == null) throw new IOException("the sample graph " + SAMPLE + " is missing from the build");
            return GraphFile.parse("digits-local.graph.json", in.readAllBytes());
        }
    }

    public static void main(String[] args) {
        launch(App.class, args);
    }
}
