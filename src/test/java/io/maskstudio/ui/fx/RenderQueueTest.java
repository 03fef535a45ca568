package io.maskstudio.ui.fx;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A runner whose work runs only when the test says so: requests can pile up behind a running one. */
class RenderQueueTest {
    private final Deque<Runnable> started = new ArrayDeque<>();
    private final TaskRunner manual = new TaskRunner() {
        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
            started.add(() -> {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
        }
    };
    private final List<String> shown = new ArrayList<>();

    @Test
    void requestsArrivingWhileOneRendersDoNotStarveItAndOnlyTheNewestOfThemRunsNext() {
        RenderQueue q = new RenderQueue(manual);
        q.submit(() -> "epoch 1", shown::add);
        q.submit(() -> "epoch 2", shown::add);
        q.submit(() -> "epoch 3", shown::add);
        assertEquals(1, started.size(), "one render at a time");
        started.poll().run();
        assertEquals(List.of("epoch 1"), shown, "the running render's picture is shown although newer ones were asked for");
        assertEquals(1, started.size(), "then the newest waiting request starts");
        started.poll().run();
        assertEquals(List.of("epoch 1", "epoch 3"), shown, "epoch 2 was superseded while it waited");
        assertEquals(0, started.size());
    }

    @Test
    void aFailedRenderLetsTheNextOneStartAndCancelDropsBoth() {
        RenderQueue q = new RenderQueue(manual);
        q.<String>submit(() -> {
            throw new IllegalStateException("boom");
        }, shown::add);
        q.submit(() -> "after the failure", shown::add);
        started.poll().run();
        started.poll().run();
        assertEquals(List.of("after the failure"), shown);

        q.submit(() -> "running", shown::add);
        q.submit(() -> "waiting", shown::add);
        q.cancel();
        started.poll().run();
        assertEquals(List.of("after the failure"), shown, "a cancelled render's picture is not shown");
        assertEquals(0, started.size(), "the waiting request was forgotten");
    }
}
