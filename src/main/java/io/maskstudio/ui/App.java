package io.maskstudio.ui;

import io.maskstudio.io.FormatException;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import javafx.application.Application;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The desktop application. Opens the graph file given as the only argument, else the bundled
 * digits sample; loading runs off the FX thread.
 */
public class App extends Application {
    static final String SAMPLE = "/sample-graphs/digits-local.graph.json";
    static final String SAMPLE_NAME = "digits-local.graph.json";
    /** {@code maskstudio FILE.graph.json --train}: open the graph and start training it at once. */
    public static final String TRAIN_FLAG = "--train";

    private PulseLog pulseLog;

    @Override
    public void start(Stage stage) {
        LaunchArgs args = LaunchArgs.parse(getParameters().getRaw());
        MainWindow w = MainWindow.show(stage, args.graph());
        // A run folder opens in the Training tab; the editor shows the sample until "Edit this design".
        if (args.runDir() != null) w.openRunOnceReady(args.runDir());
        else if (args.train()) w.startTrainingOnceOpen();
        pulseLog = PulseLog.startIfRequested();
    }

    /** True when {@code arg} names a run, sweep or lottery folder: the launcher opens the app on it instead of the CLI. */
    public static boolean isRunFolderArgument(String arg) {
        return !arg.startsWith("-") && LaunchArgs.parse(List.of(arg)).runDir() != null;
    }

    @Override
    public void stop() {
        if (pulseLog != null) pulseLog.stop();
    }

    static NetworkDesign loadSample() throws IOException, FormatException {
        try (InputStream in = App.class.getResourceAsStream(SAMPLE)) {
            if (in == null) throw new IOException("the sample graph " + SAMPLE + " is missing from the build");
            return GraphFile.parse(SAMPLE_NAME, in.readAllBytes());
        }
    }

    public static void main(String[] args) {
        launch(App.class, args);
    }
}
