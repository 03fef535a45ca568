package io.maskstudio.engine;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over rows into contiguous ranges of about equal work and runs them on the common
 * fork-join pool plus the calling thread. Every output is written by exactly one range, in the same
 * order as a serial loop, so results don't depend on the thread count (bit-for-bit reproducible).
 * Thread count: system property {@code maskstudio.threads}, default all available processors.
 */
final class Parallel {
    /** Below this much work (multiply-adds) a second thread costs more than it saves. */
    static final long MIN_WORK = 1L << 20;

    private Parallel() {}

    static int threads() {
        int t = Integer.getInteger("maskstudio.threads", Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(t, ForkJoinPool.getCommonPoolParallelism() + 1));
    }

    /** Receives a range {@code [from, to)}. */
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0,n)}; {@code prefixWork[r]} is the work before row r (length n+1),
     * used to balance the ranges, and {@code unitWork} scales it to multiply-adds.
     */
    static void forRows(int n, int[] prefixWork, long unitWork, Range body) {
        int t = threads();
        long total = (long) prefixWork[n] * unitWork;
        if (t == 1 || total < MIN_WORK || n < 2) {
            body.run(0, n);
            return;
        }
        int parts = Math.min(t, n);
        int[] bounds = new int[parts + 1];
        bounds[parts] = n;
        for (int p = 1; p < parts; p++) {
            long target = (long) prefixWork[n] * p / parts;
            int lo = bounds[p - 1], hi = n;
            while (lo < hi) { // first row whose prefix reaches the target
                int mid = (lo + hi) >>> 1;
                if (prefixWork[mid] < target) lo = mid + 1; else hi = mid;
            }
            bounds[p] = lo;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            final int from = bounds[p], to = bounds[p + 1];
            tasks[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(bounds[0], bounds[1]);
        for (ForkJoinTask<?> task : tasks) task.join();
    }
}
