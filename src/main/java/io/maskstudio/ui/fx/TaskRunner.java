package io.maskstudio.ui.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs UI work off the FX thread and hands the outcome back on it. Every window part takes one of these instead
 * of starting threads itself, so the app has one way to start background work and tests can swap in
 * {@link #sameThread()} (as JabRef's {@code TaskExecutor}). Call {@link #run} on the FX thread; both callbacks
 * run on the FX thread.
 */
public interface TaskRunner {

    /** Runs {@code work}; its value goes to {@code onSuccess}, anything it throws to {@code onFailure}. */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** Like {@link #run(Callable, Consumer, Consumer)}; a failure is logged and otherwise ignored. */
    default <T> void run(Callable<T> work, Consumer<? super T> onSuccess) {
        run(work, onSuccess, Background::logUnhandled);
    }

    /** The app's runner: a small pool of daemon threads (see {@link Background}). */
    static TaskRunner background() {
        return Background.RUNNER;
    }

    /** Runs the work at once on the calling thread, then the callback: for tests that need no waiting. */
    static TaskRunner sameThread() {
        return new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
                T value;
                try {
                    value = work.call();
                } catch (Exception | Error e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(value);
            }
        };
    }
}
