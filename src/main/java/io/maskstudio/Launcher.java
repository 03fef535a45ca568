package io.maskstudio;

import io.maskstudio.cli.MaskStudioCommand;
import io.maskstudio.engine.OpenBlasCore;
import io.maskstudio.engine.VectorModule;
import io.maskstudio.ui.App;
import io.maskstudio.ui.shell.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the runnable jar. Deliberately not a JavaFX {@code Application}: the JavaFX
 * launcher refuses to start an Application main class from the class path of a shaded jar.
 * With no arguments, or a graph file as the only argument (optionally with {@code --train}), it opens the GUI;
 * otherwise it runs the CLI. Before either, it relaunches the JVM when OpenBLAS would run slow kernels ({@link OpenBlasCore}) or the
 * Vector API module is missing ({@link VectorModule}).
 */
public final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    /** The relaunching JVM's pid, in the relaunched one's environment. */
    static final String LAUNCHER_PID_ENV = "MASKSTUDIO_LAUNCHER_PID";

    private Launcher() {}

    /**
     * In a relaunched JVM: ends at once when the launcher that started it ends, so that killing the process the user
     * started (even with SIGKILL, which leaves the launcher no time to pass it on) kills the app as it always did.
     */
    private static void endWithTheLauncher(String launcherPid) {
        if (launcherPid == null) return;
        try {
            ProcessHandle.of(Long.parseLong(launcherPid)).ifPresentOrElse(
                    h -> h.onExit().thenRun(() -> Runtime.getRuntime().halt(137)), () -> Runtime.getRuntime().halt(137));
        } catch (NumberFormatException e) {
            LOG.warn("ignoring {}={}", LAUNCHER_PID_ENV, launcherPid);
        }
    }

    public static void main(String[] args) {
        endWithTheLauncher(System.getenv(LAUNCHER_PID_ENV));
        Optional<String> core = OpenBlasCore.coreToApply(System.getenv(), AppDirs.home(), OpenBlasCore.thisMachine());
        boolean vector = VectorModule.shouldRelaunch(System.getenv());
        if (core.isPresent() || vector) {
            Integer exit = relaunch(core.orElse(null), vector, args);
            if (exit != null) System.exit(exit);
        }
        if (opensGui(args)) {
            // A started jar has no console to print to: an exception nobody caught must at least reach the log file.
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught on thread {}", thread.getName(), e));
            App.main(args);
        } else {
            System.exit(MaskStudioCommand.run(args));
        }
    }

    /**
     * Runs this launch again in a JVM whose OpenBLAS uses {@code core}'s kernels (null: leave it; the environment
     * variable must be set before the library loads, and Java cannot set its own) and, with {@code vector}, that has the
     * Vector API module the sparse kernels use. Passes on the JVM options and arguments, the terminal and the exit code.
     * Returns null, and the caller carries on here, when the JVM cannot be started.
     */
    private static Integer relaunch(String core, boolean vector, String[] args) {
        List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (vector) options.add(VectorModule.JVM_OPTION);
        List<String> command = relaunchCommand(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                options, System.getProperty("java.class.path"), args);
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        if (core != null) {
            pb.environment().put(OpenBlasCore.CORETYPE_ENV, core);
            LOG.info("OpenBLAS would pick pre-AVX2 kernels on this CPU: running with {}={} (set it yourself, or {}=0, to choose)",
                    OpenBlasCore.CORETYPE_ENV, core, OpenBlasCore.AUTO_ENV);
        }
        if (vector) {
            LOG.debug("running with {} for the sparse kernels' vector loops ({}=0 to keep the plain ones)", VectorModule.JVM_OPTION, VectorModule.SWITCH_ENV);
        }
        // its value says whether OPENBLAS_CORETYPE is the launcher's doing (bench reports who set it)
        pb.environment().put(OpenBlasCore.CHECKED_ENV, core != null ? OpenBlasCore.SET_BY_LAUNCHER : "1");
        pb.environment().put(LAUNCHER_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        try {
            Process p = pb.start();
            // SIGTERM or Ctrl+C reaching only the launcher is passed on, so the app can save and close.
            // The hook waits for the app: once the launcher is gone the app halts at once (see endWithTheLauncher).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                p.destroy();
                try {
                    p.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "maskstudio-relaunch-stop"));
            return p.waitFor();
        } catch (IOException e) {
            LOG.warn("cannot start {}; carrying on with OpenBLAS's own kernels", command.get(0), e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** {@code java [the JVM's options] -cp CLASSPATH io.maskstudio.Launcher ARGS...}. */
    static List<String> relaunchCommand(String java, List<String> jvmOptions, String classPath, String[] args) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(jvmOptions);
        c.add("-cp");
        c.add(classPath);
        c.add(Launcher.class.getName());
        c.addAll(List.of(args));
        return c;
    }

    /** No arguments, a graph file, or a graph file and {@code --train} (open it and start training at once). */
    static boolean opensGui(String[] args) {
        if (args.length == 0) return true;
        // maskstudio RUNDIR: a run folder (or a sweep's or lottery's) opens in the app's Training tab.
        if (args.length == 1) return isGraph(args[0]) || App.isRunFolderArgument(args[0]);
        return args.length == 2 && (isGraph(args[0]) && args[1].equals(App.TRAIN_FLAG) || isGraph(args[1]) && args[0].equals(App.TRAIN_FLAG));
    }

    private static boolean isGraph(String arg) {
        return arg.endsWith(".json") && !arg.startsWith("-");
    }
}
