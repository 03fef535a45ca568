package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.NetworkDesign;

import java.util.ArrayList;
import java.util.List;

/**
 * The curves of the run training now, kept in memory from the trainer's observer calls: epochs, batches (thinned
 * evenly like steps.csv, so memory stays bounded however long the run), events (mask updates thinned the same way) and
 * per-layer stats. The trainer's thread writes; any thread reads {@link #view()}, an immutable copy made at most once per {@link #version()}.
 */
public final class LiveCurves implements TrainingObserver {
    /**
     * Mask updates kept for the curves' marks: a method at ΔT = 1 updates every step, and the marks are only
     * drawn a few pixels apart anyway (events.csv keeps every one).
     */
    public static final int MAX_MASK_UPDATES = 1000;

    /** An event with its place in the order the trainer told them. */
    private record Numbered(long order, CurveSource.Event event) {}

    private final String name;
    private final NetworkDesign design;
    private final List<EpochMetrics> metrics = new ArrayList<>();
    private final StepThinning<CurveSource.Step> steps;
    /** Events in the order told; mask updates among them thinned evenly to {@link #MAX_MASK_UPDATES}. */
    private final List<Numbered> events = new ArrayList<>();
    private final StepThinning<Numbered> maskUpdates = new StepThinning<>(MAX_MASK_UPDATES);
    private long told;
    private final List<LayerStats> layers = new ArrayList<>();
    private long maskUpdateCount;
    private List<float[]> previousWeights = List.of();
    private boolean diverged;
    private volatile long version;
    private CurveSource view;
    private long viewVersion = -1;

    /** {@code design}: the run's private copy (seed grouping compares it); {@code maxSteps} as {@link RunLayout#MAX_STEP_ROWS}. */
    public LiveCurves(String name, NetworkDesign design, int maxSteps) {
        this.name = name;
        this.design = design;
        this.steps = new StepThinning<>(maxSteps);
    }

    public LiveCurves(String name, NetworkDesign design) {
        this(name, design, RunLayout.MAX_STEP_ROWS);
    }

    /** Grows by one with every change; a reader redraws only when it differs from the one it drew. */
    public long version() {
        return version;
    }

    /** The curves so far; the same object until the next change. */
    public synchronized CurveSource view() {
        if (viewVersion != version || view == null) {
            view = new CurveSource(name, design, null, metrics, steps.rows(), inOrder(), layers);
            viewVersion = version;
        }
        return view;
    }

    @Override
    public synchronized void batch(int epoch, long step, MaskedNetwork.BatchResult r) {
        double accuracy = r.count() == 0 ? Double.NaN : (double) r.correct() / r.count();
        if (steps.offer(step, new CurveSource.Step(epoch, step, r.loss(), accuracy))) version++;
    }

    @Override
    public synchronized void epoch(EpochMetrics m, TrainingSnapshot snapshot) {
        metrics.add(m);
        diverged = false;
        List<float[]> weights = new ArrayList<>();
        for (int k = 0; k < snapshot.layers().size(); k++) {
            LayerSnapshot l = snapshot.layers().get(k);
            // Snapshots are never changed once made (the history keeps them), so the array itself serves as "previous".
            layers.add(LayerStats.of(m.epoch(), k, l, k < previousWeights.size() ? previousWeights.get(k) : null));
            weights.add(l.weights());
        }
        previousWeights = weights;
        version++;
    }

    @Override
    public synchronized void event(TrainingEvent kind, String detail, int epoch, long step) {
        CurveSource.Event e = new CurveSource.Event(epoch, step, kind.id(), detail);
        if (kind == TrainingEvent.MASK_UPDATE) {
            // Thinned by their own count: their steps are multiples of ΔT, which a stride of steps would skip wholesale.
            maskUpdates.offer(++maskUpdateCount, new Numbered(++told, e));
        } else {
            events.add(new Numbered(++told, e));
        }
        if (kind == TrainingEvent.DIVERGED) diverged = true;
        if (kind == TrainingEvent.RESUME) diverged = false;
        version++;
    }

    /** A stop by the user is marked as events.csv marks it (the recorder writes the same row). */
    @Override
    public synchronized void ended(Trainer.State state, String message, TrainingSnapshot last) {
        if (state == Trainer.State.FINISHED || state == Trainer.State.FAILED || diverged) return;
        events.add(new Numbered(++told, new CurveSource.Event(last == null ? 0 : last.epoch(), 0, TrainingEvent.STOPPED.id(), "stopped by the user")));
        version++;
    }

    /** The kept events in the order they were told. */
    private List<CurveSource.Event> inOrder() {
        List<CurveSource.Event> out = new ArrayList<>(events.size() + maskUpdates.rows().size());
        List<Numbered> updates = maskUpdates.rows();
        int a = 0;
        int b = 0;
        while (a < events.size() || b < updates.size()) {
            boolean fromEvents = b >= updates.size() || a < events.size() && events.get(a).order() < updates.get(b).order();
            out.add((fromEvents ? events.get(a++) : updates.get(b++)).event());
        }
        return out;
    }
}
