package io.maskstudio.ui.fx;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one stale-result policy, driven by a runner whose jobs the test finishes in any order it likes. */
class LatestOnlyTest {

    /** Holds submitted jobs until the test runs them, so "finished late" and "started late" can be staged. */
    private static final class HeldRunner implements TaskRunner {
        final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
            held.add(() -> TaskRunner.sameThread().run(work, onSuccess, onFailure));
        }

        void runNewestFirst() {
            while (!held.isEmpty()) held.removeLast().run();
        }
    }

    @Test
    void onlyTheNewestRequestDeliversEvenWhenAnOlderOneFinishesLast() {
        HeldRunner runner = new HeldRunner();
        LatestOnly latest = new LatestOnly(runner);
        List<String> delivered = new ArrayList<>();
        List<String> computed = new ArrayList<>();
        latest.submit(() -> { computed.add("old"); return "old"; }, delivered::add);
        latest.submit(() -> { computed.add("new"); return "new"; }, delivered::add);
        runner.runNewestFirst();
        assertEquals(List.of("new"), delivered);
        assertEquals(List.of("new"), computed, "a request superseded before it started must not run");
    }

    @Test
    void aSupersededFailureIsDroppedAndTheNewestFailureDelivered() {
        HeldRunner runner = new HeldRunner();
        LatestOnly latest = new LatestOnly(runner);
        List<String> failures = new ArrayList<>();
        latest.submit(() -> { throw new IllegalStateException("old"); }, v -> {}, t -> failures.add(t.getMessage()));
        runner.held.removeFirst().run(); // the old one fails while it is still the newest
        latest.submit(() -> { throw new IllegalStateException("stale"); }, v -> {}, t -> failures.add(t.getMessage()));
        latest.submit(() -> { throw new IllegalArgumentException("newest"); }, v -> {}, t -> failures.add(t.getMessage()));
        runner.runNewestFirst();
        assertEquals(List.of("old", "newest"), failures);
    }

    @Test
    void cancelForgetsRequestsAlreadyRunning() {
        HeldRunner runner = new HeldRunner();
        LatestOnly latest = new LatestOnly(runner);
        List<Integer> delivered = new ArrayList<>();
        latest.submit(() -> 1, delivered::add);
        latest.cancel();
        runner.runNewestFirst();
        assertTrue(delivered.isEmpty());
        latest.submit(() -> 2, delivered::add);
        runner.runNewestFirst();
        assertEquals(List.of(2), delivered);
    }

    @Test
    void sameThreadRunnerDeliversValueOrFailureBeforeReturning() {
        List<Object> seen = new ArrayList<>();
        TaskRunner.sameThread().run(() -> 42, seen::add, seen::add);
        IllegalStateException boom = new IllegalStateException("boom");
        TaskRunner.sameThread().run(() -> { throw boom; }, seen::add, seen::add);
        assertEquals(List.of(42, boom), seen);
    }
}
