package io.maskstudio.engine;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.maskstudio.data.Split;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Error on the trainer thread (OutOfMemoryError on a large design, UnsatisfiedLinkError from
 * ND4J's natives) must end in FAILED with a one-line message, the finished epochs kept and
 * awaitIdle returning, instead of a thread that died silently and a spinner that runs forever.
 */
class TrainerFailureTest {
    private final Logger trainerLog = (Logger) LoggerFactory.getLogger(Trainer.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        trainerLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        trainerLog.detachAppender(logged);
    }

    /** 180 training rows in batches of 16: 12 batches per epoch; the {@code failingBatch}-th batch throws {@code error}. */
    private static Supplier<TrainingSession> failingAt(int failingBatch, Error error) {
        NetworkDesign d = TrainingSessionTest.design("adam", 0.01);
        d.setSettings(d.settings().withEpochs(5));
        return () -> {
            TrainingSession s = new TrainingSession(d.copy(), Split.of(TrainingSessionTest.blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT);
            AtomicInteger batches = new AtomicInteger();
            s.beforeEachBatch(() -> {
                if (batches.incrementAndGet() == failingBatch) throw error;
            });
            return s;
        };
    }

    @Test
    void outOfMemoryInTheSecondEpochEndsInFailedAndKeepsTheFirst() throws Exception {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        try (Trainer t = new Trainer(failingAt(12 + 5, oom), 100)) {
            assertEquals(Trainer.State.PAUSED, t.awaitIdle(30, TimeUnit.SECONDS).state());
            t.start();
            Trainer.Progress p = t.awaitIdle(20, TimeUnit.SECONDS);
            assertEquals(Trainer.State.FAILED, p.state(), "state after the error: " + p);
            assertEquals(1, p.epoch(), "the first epoch completed before the error");
            assertTrue(p.message().contains("out of memory") && p.message().contains("Java heap space"), p.message());
            assertTrue(p.message().contains("the history keeps epoch 1"), p.message());
            assertFalse(p.message().contains("\n"), "one line: " + p.message());

            assertEquals(1, t.history().latest().epoch(), "the last good epoch stays in the history");
            assertEquals(2, t.history().snapshots().size(), "initial state and epoch 1");
            assertNotNull(t.history().latest().layers().get(0).weights());

            t.start(); // a dead trainer ignores commands but does not make callers wait
            assertEquals(Trainer.State.FAILED, t.awaitIdle(5, TimeUnit.SECONDS).state());
        }
        ILoggingEvent e = logged.list.stream().filter(ev -> ev.getThrowableProxy() != null).findFirst()
                .orElseThrow(() -> new AssertionError("the error was logged with its stack trace: " + logged.list));
        assertEquals("OutOfMemoryError", e.getThrowableProxy().getClassName().replaceAll(".*\\.", ""));
        assertTrue(e.getThrowableProxy().getStackTraceElementProxyArray().length > 0, "stack trace logged");
    }

    @Test
    void anUnloadableNativeLibraryWhileBuildingTheSessionEndsInFailed() throws Exception {
        Supplier<TrainingSession> broken = () -> { throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"); };
        try (Trainer t = new Trainer(broken, 100)) {
            Trainer.Progress p = t.awaitIdle(20, TimeUnit.SECONDS);
            assertEquals(Trainer.State.FAILED, p.state(), "state: " + p);
            assertTrue(p.message().contains("native library") && p.message().contains("jnind4jcpu"), p.message());
            assertTrue(p.message().contains("nothing was trained"), p.message());
            assertSame(null, t.history().latest());
        }
        assertTrue(logged.list.stream().anyMatch(ev -> ev.getThrowableProxy() != null
                && ev.getThrowableProxy().getClassName().endsWith("UnsatisfiedLinkError")), "logged: " + logged.list);
    }

    @Test
    void anExceptionOnAStepWhilePausedEndsInFailedToo() throws Exception {
        try (Trainer t = new Trainer(failingAt(2, new StackOverflowError()), 100)) {
            t.awaitIdle(30, TimeUnit.SECONDS);
            t.step();
            assertEquals(Trainer.State.PAUSED, t.awaitIdle(20, TimeUnit.SECONDS).state(), "the first step trains");
            t.step();
            Trainer.Progress p = t.awaitIdle(20, TimeUnit.SECONDS);
            assertEquals(Trainer.State.FAILED, p.state());
            assertEquals("training failed: StackOverflowError; the history keeps epoch 0", p.message());
        }
    }

    @Test
    void longMultiLineMessagesAreCutToOneLine() {
        String message = Trainer.failureMessage(new IllegalStateException("first line\nsecond line " + "x".repeat(1000)), null);
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("training failed: IllegalStateException: first line second line xxx"), message);
        assertTrue(message.endsWith("...; nothing was trained"), message);
        assertTrue(message.length() < 300, "length " + message.length());
    }
}
