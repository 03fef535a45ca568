package io.maskstudio;

import io.maskstudio.cli.MaskStudioCommand;
import io.maskstudio.ui.App;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the runnable jar. Deliberately not a JavaFX {@code Application}: the JavaFX
 * launcher refuses to start an Application main class from the class path of a shaded jar.
 * With no arguments, or a graph file as the only argument (optionally with {@code --train}), it opens the GUI;
 * otherwise it runs the CLI.
 */
public final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private Launcher() {}

    public static void main(String[] args) {
        if (opensGui(args)) {
            // A started jar has no console to print to: an exception nobody caught must at least reach the log file.
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught on thread {}", thread.getName(), e));
            App.main(args);
        } else {
            System.exit(MaskStudioCommand.run(args));
        }
    }

    /** No arguments, a graph file, or a graph file and {@code --train} (open it and start training at once). */
    static boolean opensGui(String[] args) {
        if (args.length == 0) return true;
        if (args.length == 1) return isGraph(args[0]);
        return args.length == 2 && (isGraph(args[0]) && args[1].equals(App.TRAIN_FLAG) || isGraph(args[1]) && args[0].equals(App.TRAIN_FLAG));
    }

    private static boolean isGraph(String arg) {
        return arg.endsWith(".json") && !arg.startsWith("-");
    }
}
