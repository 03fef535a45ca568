package io.maskstudio.ui.training;

import io.maskstudio.ui.fx.LatestOnly;
import io.maskstudio.ui.fx.TaskRunner;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Background renders through {@link LatestOnly}, one at a time: while one runs, newer requests wait and only the
 * newest of them starts when it ends. With plain LatestOnly a stream of changes faster than one render (a running
 * trainer's snapshots on a loaded machine) would drop every result and show nothing; here each finished render is
 * shown, and the picture is never more than one render behind. Call on the FX thread.
 */
final class RenderQueue {
    private final LatestOnly latest;
    private boolean running;
    private Runnable pending;

    RenderQueue(TaskRunner runner) {
        latest = new LatestOnly(runner);
    }

    <T> void submit(Callable<T> work, Consumer<? super T> onResult) {
        Runnable start = () -> {
            running = true;
            latest.submit(work, value -> {
                onResult.accept(value);
                finished();
            }, failure -> {
                LoggerFactory.getLogger(RenderQueue.class).warn("a heatmap render failed", failure);
                finished();
            });
        };
        if (running) pending = start;
        else start.run();
    }

    /** Forgets the running and the waiting request: neither's result will be delivered. */
    void cancel() {
        latest.cancel();
        running = false;
        pending = null;
    }

    private void finished() {
        running = false;
        Runnable next = pending;
        pending = null;
        if (next != null) next.run();
    }
}
