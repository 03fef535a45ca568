package io.maskstudio.ui.fx;

import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Background renders through {@link LatestOnly}, one at a time: while one runs, newer requests wait and only the
 * newest of them starts when it ends. With plain LatestOnly a stream of changes faster than one render (a running
 * trainer's snapshots on a loaded machine) would drop every result and show nothing; here each finished render is
 * shown, and the picture is never more than one render behind. The same policy as LatestOnly (only the newest
 * request counts), paced for views that must keep showing something. Call on the FX thread.
 */
public final class RenderQueue {
    private final LatestOnly latest;
    private boolean running;
    private Runnable pending;

    public RenderQueue(TaskRunner runner) {
        latest = new LatestOnly(runner);
    }

    public <T> void submit(Callable<T> work, Consumer<? super T> onResult) {
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
    public void cancel() {
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
