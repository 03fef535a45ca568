package io.maskstudio.engine;

import io.maskstudio.data.Dataset;
import io.maskstudio.model.Mask;
import io.maskstudio.model.TrainingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a {@link TrainingSession} on its own thread, which owns every ND4J array (docs/architecture.md).
 * Callers send commands; mask edits and setting changes apply at the next batch boundary. Results
 * are published without callbacks into the UI thread: per-epoch snapshots in {@link #history()} and
 * cheap per-step progress in {@link #progress()}, which the UI polls. Whatever ends the thread
 * (an exception, or an Error such as OutOfMemoryError or ND4J's UnsatisfiedLinkError) ends it in
 * FAILED with a one-line message, so nobody waits on a trainer that is gone.
 */
public final class Trainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** The exception's own text is cut here so the message stays one readable line (the log has it all). */
    private static final int DETAIL_LIMIT = 200;

    public enum State { PAUSED, RUNNING, FINISHED, DIVERGED, FAILED, CLOSED }

    /** Latest per-step figures; {@code message} explains DIVERGED/FAILED. */
    public record Progress(State state, int epoch, int step, int stepsPerEpoch, double lastLoss, String message) {}

    private sealed interface Command permits Start, Pause, Step, EditMask, Settings, Close {}
    private record Start() implements Command {}
    private record Pause() implements Command {}
    private record Step() implements Command {}
    private record EditMask(int pair, Mask mask, TrainingEvent kind, String detail) implements Command {}
    private record Settings(TrainingSettings settings) implements Command {}
    private record Close() implements Command {}

    private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final AtomicLong submitted = new AtomicLong(1); // the session's creation counts as the first command
    private final AtomicLong handled = new AtomicLong();
    private final TrainingHistory history;
    private final AtomicReference<Progress> progress;
    private final AtomicReference<TrainingSnapshot> pausedSnapshot = new AtomicReference<>();
    private final Supplier<TrainingSession> sessionFactory;
    private final Thread thread;
    private final TrainingObserver observer;
    private TrainingSession session;
    /** The session's validation split, published once it is loaded; its arrays are never written after that. */
    private volatile Dataset validation;
    private State state = State.PAUSED;
    private long steps;
    private boolean ended;

    /** {@code sessionFactory} runs on the trainer thread, so even the network's arrays are created there. */
    public Trainer(Supplier<TrainingSession> sessionFactory, int historyCapacity) {
        this(sessionFactory, historyCapacity, TrainingObserver.NONE);
    }

    /** As above; {@code observer} is told every batch, epoch, event and the end, on the trainer thread. */
    public Trainer(Supplier<TrainingSession> sessionFactory, int historyCapacity, TrainingObserver observer) {
        this.sessionFactory = sessionFactory;
        this.observer = observer;
        this.history = new TrainingHistory(historyCapacity);
        this.progress = new AtomicReference<>(new Progress(State.PAUSED, 0, 0, 0, Double.NaN, ""));
        this.thread = new Thread(this::loop, "maskstudio-trainer");
        thread.setDaemon(true);
        thread.start();
    }

    public void start() { send(new Start()); }
    public void pause() { send(new Pause()); }
    /** One mini-batch, then pause. */
    public void step() { send(new Step()); }
    /** Replaces pair {@code pair}'s mask at the next batch; recorded as a {@code mask-edit} event. */
    public void setMask(int pair, Mask mask) { setMask(pair, mask, TrainingEvent.MASK_EDIT, ""); }

    /**
     * As {@link #setMask(int, Mask)}, recorded as {@code kind} (a prune or grow from the Training tab) with
     * {@code detail} before the connection count.
     */
    public void setMask(int pair, Mask mask, TrainingEvent kind, String detail) {
        send(new EditMask(pair, mask.copy(), kind, detail));
    }
    public void updateSettings(TrainingSettings s) { send(new Settings(s)); }

    private void send(Command c) {
        submitted.incrementAndGet();
        commands.add(c);
    }

    public TrainingHistory history() { return history; }

    /** The run's validation split (standardized as the network sees it; 0 rows when there is none); null until loaded. */
    public Dataset validation() { return validation; }
    public Progress progress() { return progress.get(); }

    /**
     * The network as it was after the latest Step or mask edit made while not running (null before any):
     * lets a paused UI show batch-by-batch changes, which the per-epoch history does not hold.
     */
    public TrainingSnapshot pausedSnapshot() { return pausedSnapshot.get(); }

    /** Stops after the current batch and waits (bounded) for the thread to end. */
    @Override
    public void close() {
        commands.add(new Close());
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until the trainer is no longer RUNNING or the timeout passes; for tests and the CLI. */
    public Progress awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < end) {
            Progress p = progress.get();
            if (p.state() != State.RUNNING && handled.get() >= submitted.get()) return p;
            Thread.sleep(5);
        }
        return progress.get();
    }

    private void loop() {
        try {
            session = sessionFactory.get();
            validation = session.validation();
            history.add(session.snapshot());
            publish(Double.NaN, "");
            tell(() -> observer.started(session));
            handled.incrementAndGet();
            while (state != State.CLOSED) {
                Command c = state == State.RUNNING ? commands.poll() : commands.poll(200, TimeUnit.MILLISECONDS);
                if (c != null) {
                    handle(c);
                } else if (state == State.RUNNING) {
                    trainOneBatch();
                }
            }
            end(State.CLOSED, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = State.CLOSED;
            publish(Double.NaN, "");
        } catch (Throwable t) { // Errors too: the thread is about to end either way, and must say so
            fail(t);
        } finally {
            handled.set(Long.MAX_VALUE); // nothing more will be handled: awaitIdle returns
        }
    }

    /** Runs an observer call; what it throws is logged, never passed on (an observer cannot stop training). */
    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a training observer failed", e);
        }
    }

    /** Tells the observer once that the run is over. */
    private void end(State how, String message) {
        if (ended) return;
        ended = true;
        TrainingSnapshot last = session == null ? history.latest() : session.snapshot();
        TestMetrics test = how == State.FAILED ? null : testMetrics();
        if (test != null) tell(() -> observer.tested(test));
        tell(() -> observer.ended(how, message, last));
    }

    /**
     * The test set's metrics at the end of the run (not of a failed one: its network may be half-updated, and memory
     * may be what failed); a failure to evaluate is logged and costs only the test numbers.
     */
    private TestMetrics testMetrics() {
        if (session == null) return null;
        try {
            return session.evaluateTest();
        } catch (RuntimeException e) {
            LOG.warn("cannot evaluate the test set", e);
            return null;
        }
    }

    /** Publishes FAILED first (cheap, cannot fail for lack of memory), then logs the stack trace. */
    private void fail(Throwable t) {
        state = State.FAILED;
        String message = failureMessage(t, history.latest());
        try {
            publish(Double.NaN, message);
        } catch (Throwable again) {
            progress.set(new Progress(State.FAILED, 0, 0, 0, Double.NaN, message));
        }
        try {
            end(State.FAILED, message);
        } catch (Throwable again) {
            // out of memory while snapshotting: the published state already tells the user
        }
        try {
            LOG.error("trainer thread stopped: {}", message, t);
        } catch (Throwable ignored) {
            // logging itself failed (out of memory, say): the published state already tells the user
        }
    }

    /** One line that says what happened, what is kept and, where we know, what to try. */
    static String failureMessage(Throwable t, TrainingSnapshot lastKept) {
        String detail = (t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())).replaceAll("\\s+", " ");
        if (detail.length() > DETAIL_LIMIT) detail = detail.substring(0, DETAIL_LIMIT - 3) + "...";
        String what;
        if (t instanceof OutOfMemoryError) {
            what = "training stopped: out of memory (" + detail + "); try a smaller design or batch, or a larger -Xmx";
        } else if (t instanceof UnsatisfiedLinkError) {
            what = "training stopped: ND4J's native library could not be loaded (" + detail + "); it may not match this platform";
        } else if (t instanceof LinkageError) {
            what = "training stopped: a class could not be loaded (" + detail + ")";
        } else {
            what = "training failed: " + detail;
        }
        String kept = lastKept == null ? "; nothing was trained" : "; the history keeps epoch " + lastKept.epoch();
        return what + kept;
    }

    private void handle(Command c) {
        if (c instanceof Start) {
            if (state == State.PAUSED || state == State.DIVERGED) {
                state = finished() ? State.FINISHED : State.RUNNING;
                if (state == State.RUNNING && steps > 0) tell(() -> observer.event(TrainingEvent.RESUME, "", session.completedEpochs(), steps));
            }
        } else if (c instanceof Pause) {
            if (state == State.RUNNING) {
                state = State.PAUSED;
                tell(() -> observer.event(TrainingEvent.PAUSE, "", session.completedEpochs(), steps));
            }
        } else if (c instanceof Step) {
            if (state != State.FINISHED) {
                state = State.PAUSED;
                trainOneBatch();
                pausedSnapshot.set(session.snapshot());
            }
        } else if (c instanceof EditMask e) {
            session.setMask(e.pair(), e.mask());
            String detail = (e.detail().isEmpty() ? "" : e.detail() + "; ") + "pair " + e.pair() + ": " + e.mask().nnz() + " connections";
            tell(() -> observer.event(e.kind(), detail, session.completedEpochs(), steps));
            if (state != State.RUNNING) pausedSnapshot.set(session.snapshot());
        } else if (c instanceof Settings s) {
            session.updateSettings(s.settings());
            TrainingSettings t = s.settings();
            String schedule = t.pruneSchedule().isEmpty() ? "" : ", prune " + t.pruneSchedule();
            tell(() -> observer.event(TrainingEvent.SETTINGS, t.optimizer() + ", lr " + t.learningRate() + ", weight decay "
                    + t.weightDecay() + ", " + t.epochs() + " epochs" + schedule, session.completedEpochs(), steps));
            if (state == State.FINISHED && !finished()) {
                state = State.PAUSED;
                ended = false; // more epochs were asked for: the run goes on
            }
        } else if (c instanceof Close) {
            state = State.CLOSED;
        }
        publish(progress.get().lastLoss(), progress.get().message());
        handled.incrementAndGet();
    }

    private boolean finished() {
        return session.completedEpochs() >= session.settings().epochs();
    }

    private void trainOneBatch() {
        try {
            int epoch = session.completedEpochs() + 1;
            EpochMetrics epochEnd = session.step();
            steps++;
            long step = steps;
            tell(() -> observer.batch(epoch, step, session.lastBatch()));
            String update = session.takeMaskUpdate();
            if (update != null) tell(() -> observer.event(TrainingEvent.MASK_UPDATE, update, epoch, step));
            if (epochEnd != null) {
                // The settings' schedule prunes exactly where the CLI's --prune does: after the epoch, before its metrics.
                String pruned = session.pruneAfterEpoch(session.settings().pruneSchedule(), epoch);
                if (pruned != null) tell(() -> observer.event(TrainingEvent.PRUNE, pruned, epoch, step));
                EpochMetrics m = pruned != null ? session.lastMetrics() : epochEnd;
                TrainingSnapshot snap = session.snapshot();
                history.add(snap);
                tell(() -> observer.epoch(m, snap));
                if (finished()) {
                    state = State.FINISHED;
                    end(State.FINISHED, "");
                }
            }
            publish(session.lastMetrics() == null ? Double.NaN : session.lastMetrics().trainLoss(), "");
        } catch (DivergedException e) {
            state = State.DIVERGED;
            publish(Double.NaN, e.getMessage());
            tell(() -> observer.event(TrainingEvent.DIVERGED, e.getMessage(), session.completedEpochs(), steps));
        }
    }

    private void publish(double loss, String message) {
        progress.set(new Progress(state, session == null ? 0 : session.completedEpochs(), session == null ? 0 : session.stepInEpoch(),
                session == null ? 0 : session.stepsPerEpoch(), loss, message));
    }
}
