package io.maskstudio.ui.training;

import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;

/**
 * Shows the panel alone in a 1600x1000 window, for looking at it on a real (or Xvfb) display:
 * {@code TrainingPanelDemo [graph.json] [--autostart]}. A plain main, so JavaFX works from the class path.
 */
public final class TrainingPanelDemo {
    private TrainingPanelDemo() {}

    public static void main(String[] args) {
        Application.launch(DemoApp.class, args);
    }

    public static final class DemoApp extends Application {
        private TrainingPanel panel;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            String graph = args.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("sample-graphs/digits-local.graph.json");
            NetworkDesign design = GraphFile.read(Path.of(graph));
            panel = new TrainingPanel(design);
            stage.setTitle("Training panel demo: " + graph);
            stage.setScene(new Scene(panel, 1600, 1000));
            stage.show();
            if (args.contains("--autostart")) {
                PauseTransition delay = new PauseTransition(Duration.seconds(2));
                delay.setOnFinished(e -> ((Button) panel.lookup("#start")).fire());
                delay.play();
            }
        }

        @Override
        public void stop() {
            panel.dispose();
        }
    }
}
