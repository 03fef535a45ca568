package io.maskstudio.ui.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The UI's one stale-result policy: of the requests made through one instance, only the newest one's outcome is
 * delivered. A request superseded before it starts does not run at all; one superseded while it runs is computed
 * but its result and its failure are dropped. Used wherever a view recomputes something after each change
 * (statistics, generator previews, heatmaps). Call {@link #submit} and {@link #cancel} on the FX thread.
 */
public final class LatestOnly {
    private final TaskRunner runner;
    private final AtomicLong newest = new AtomicLong();

    public LatestOnly(TaskRunner runner) {
        this.runner = runner;
    }

    /** Starts {@code work}, superseding every earlier request; the callbacks run only if nothing newer came meanwhile. */
    public <T> void submit(Callable<T> work, Consumer<? super T> onResult, Consumer<Throwable> onFailure) {
        long id = newest.incrementAndGet();
        runner.run(() -> id == newest.get() ? work.call() : null,
                value -> {
                    if (id == newest.get()) onResult.accept(value);
                },
                failure -> {
                    if (id == newest.get()) onFailure.accept(failure);
                });
    }

    /** Like {@link #submit(Callable, Consumer, Consumer)}; a failure of the newest request is logged. */
    public <T> void submit(Callable<T> work, Consumer<? super T> onResult) {
        submit(work, onResult, Background::logUnhandled);
    }

    /** Forgets every request made so far: none of their outcomes will be delivered. */
    public void cancel() {
        newest.incrementAndGet();
    }
}
