package io.maskstudio.ui.fx;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The app's {@link TaskRunner}: file, generator, statistics and heatmap work runs as {@link Task}s on two daemon
 * threads. Counts the tasks in flight so the status bar can show a busy indicator and tests can wait for quiet.
 */
public final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "maskstudio-background-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final AtomicInteger PENDING = new AtomicInteger();
    private static final ReadOnlyIntegerWrapper RUNNING = new ReadOnlyIntegerWrapper();

    static final TaskRunner RUNNER = new TaskRunner() {
        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
            Task<T> task = new Task<>() {
                @Override
                protected T call() throws Exception {
                    return work.call();
                }
            };
            task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
            task.setOnFailed(e -> onFailure.accept(task.getException()));
            start(task);
        }
    };

    private Background() {}

    private static void start(Task<?> task) {
        PENDING.incrementAndGet();
        RUNNING.set(RUNNING.get() + 1);
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                RUNNING.set(RUNNING.get() - 1);
                // Decrement after the task's own handlers (registered earlier) have run.
                Platform.runLater(PENDING::decrementAndGet);
            }
        });
        POOL.execute(task);
    }

    /** Where failures nobody asked to see end up: the log, so that no background error vanishes. */
    static void logUnhandled(Throwable t) {
        LOG.warn("Background task failed", t);
    }

    /** Tasks started and not yet finished (FX thread). */
    public static ReadOnlyIntegerProperty runningProperty() {
        return RUNNING.getReadOnlyProperty();
    }

    /** True when no task is running and every finished task's handlers have run; safe from any thread. */
    public static boolean isIdle() {
        return PENDING.get() == 0;
    }
}
