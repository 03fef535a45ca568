package io.maskstudio.ui.training;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs jobs on one daemon thread where only the newest request matters: a superseded job is skipped, a
 * superseded result dropped. Results are collected by polling {@link #take()} from the panel's frame
 * timer, so no job ever posts to the FX thread itself.
 */
final class LatestOnlyWorker<T> implements AutoCloseable {
    private final ExecutorService executor;
    private final AtomicLong latest = new AtomicLong();
    private final AtomicReference<Done<T>> done = new AtomicReference<>();

    private record Done<T>(long id, T value) {}

    LatestOnlyWorker(String threadName) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void submit(Supplier<T> job) {
        long id = latest.incrementAndGet();
        done.set(null);
        executor.execute(() -> {
            if (id != latest.get()) return;
            T result = job.get();
            if (id == latest.get()) done.set(new Done<>(id, result));
        });
    }

    /** The finished result of the newest request, once; null when none is ready. */
    T take() {
        Done<T> d = done.getAndSet(null);
        // A job can finish just as a newer one is submitted; its result is stale then.
        return d != null && d.id() == latest.get() ? d.value() : null;
    }

    /** Forgets pending work: nothing submitted so far will be returned. */
    void cancel() {
        latest.incrementAndGet();
        done.set(null);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
