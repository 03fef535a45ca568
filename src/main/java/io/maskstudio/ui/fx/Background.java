package io.maskstudio.ui.fx;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs file, generator and statistics work off the FX thread as {@link Task}s on two daemon threads.
 * Counts the tasks in flight so the status bar can show a busy indicator and tests can wait for quiet.
 */
public final class Background {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "maskstudio-background-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final AtomicInteger PENDING = new AtomicInteger();
    private static final ReadOnlyIntegerWrapper RUNNING = new ReadOnlyIntegerWrapper();

    private Background() {}

    /** Starts the task; its handlers run on the FX thread as usual. Call on the FX thread. */
    public static <T> Task<T> run(Task<T> task) {
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
        return task;
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
